import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#domain';
import { listOutbox, readOutboxMessage, usesMailCatcher } from '#mail';
import { Roles } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { OutboxEntryView, OutboxMailView } from './outbox-views';

// The development outbox: what the embedded SMTP catcher caught, for the console's outbox page. It exists only
// while mails go to the catcher (SMTP_URL unset); with a real SMTP server there is nothing to show.
@ApiTags('development')
@ApiBearerAuth()
@Controller('api/dev/outbox')
export class OutboxController {
  constructor(@Inject(CONFIG) private readonly config: ControlPlaneConfig) {}

  @Get()
  @Roles('operator')
  @ApiOperation({ summary: 'Mails the embedded SMTP catcher caught, newest first (only without SMTP_URL)' })
  @ApiOkResponse({ type: [OutboxEntryView] })
  async list(): Promise<OutboxEntryView[]> {
    this.assertCatcher();
    const entries = await listOutbox(this.config.MAIL_OUTBOX_DIR);
    return entries.map((e) => ({ id: e.id, to: e.to, subject: e.subject, date: e.date }));
  }

  @Get(':id')
  @Roles('operator')
  @ApiOperation({ summary: 'One caught mail: plain text, HTML and attachment names (only without SMTP_URL)' })
  @ApiOkResponse({ type: OutboxMailView })
  async get(@Param('id') id: string): Promise<OutboxMailView> {
    this.assertCatcher();
    const m = await readOutboxMessage(this.config.MAIL_OUTBOX_DIR, id);
    if (!m) throw new DomainError('not_found', `no mail with id ${id} in the outbox`, 'id');
    return {
      id: m.id,
      to: m.to,
      from: m.from,
      subject: m.subject,
      date: m.date,
      text: m.text,
      html: m.html,
      attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
    };
  }

  private assertCatcher(): void {
    if (!usesMailCatcher(this.config)) {
      throw new DomainError('not_found', 'mails go to SMTP_URL; the development outbox exists only without it', 'id');
    }
  }
}
