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

/** A registrant as their organizer sees them when adding them: the personal link included. */
export class RegistrantLinkView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['en', 'fr'], description: "language of the registrant's mails" }) language!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'true when this e-mail had registered before (same link)' }) alreadyRegistered!: boolean;
  @ApiProperty({ description: 'the personal link the registrant opens to watch' }) joinUrl!: string;
  @ApiProperty({ description: 'the join token (the last part of the join link)' }) joinToken!: string;
}

export class CsvProblemView {
  @ApiProperty({ description: 'line of the CSV, 1 = the header' }) line!: number;
  @ApiProperty() message!: string;
}

export class RegistrantImportView {
  @ApiProperty({ type: [RegistrantLinkView] }) imported!: RegistrantLinkView[];
  @ApiProperty({ type: [CsvProblemView] }) problems!: CsvProblemView[];
}
