import { ApiProperty } from '@nestjs/swagger';

export class RegistrantView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date-time', description: 'when they registered' }) createdAt!: string;
  @ApiProperty({ description: "the registrant's personal join link" }) joinUrl!: string;
}

export class RegistrantPageView {
  @ApiProperty({ description: 'registrants matching the search, over all pages' }) total!: number;
  @ApiProperty({ type: [RegistrantView], description: 'this page, in registration order' }) items!: RegistrantView[];
}

/** What a registration answers: the personal join link (the same one when registering twice). */
export class JoinLinkView {
  @ApiProperty({ format: 'uuid' }) registrantId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'the join token (the last part of the join link)' }) joinToken!: string;
  @ApiProperty({ description: 'the personal link the registrant opens to watch' }) joinUrl!: string;
  @ApiProperty({ description: 'true when this e-mail had registered before (same link)' }) alreadyRegistered!: boolean;
}
