import { ApiProperty } from '@nestjs/swagger';

export class OutboxEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String], description: 'recipient addresses' }) to!: string[];
  @ApiProperty() subject!: string;
  @ApiProperty({ format: 'date-time' }) date!: string;
}

export class OutboxAttachmentView {
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
}

export class OutboxMailView extends OutboxEntryView {
  @ApiProperty() from!: string;
  @ApiProperty({ description: 'the plain-text part' }) text!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the HTML part' }) html!: string | null;
  @ApiProperty({ type: [OutboxAttachmentView] }) attachments!: OutboxAttachmentView[];
}
