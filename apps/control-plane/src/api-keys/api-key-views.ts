import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES } from '#domain';
import type { ApiKeyRecord } from './api-keys.repository';

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes!: string[];
  @ApiProperty({ format: 'uuid', description: 'the person whose rights the key has, narrowed by its scopes' })
  actsAsUserId!: string;
  @ApiProperty({ description: 'the first characters of the key, to tell keys apart' }) prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'to the minute' })
  lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class ApiKeyWithSecretView extends ApiKeyView {
  @ApiProperty({ description: 'the key itself (wck_…): shown only now; send it as Authorization: Bearer' })
  key!: string;
}

export function toApiKeyView(k: ApiKeyRecord): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    scopes: k.scopes,
    actsAsUserId: k.actsAsUserId,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
