import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { MediaAssetView } from './media-asset-view';

/** Fans asset changes out to the push channel (SSE) clients of this node. */
@Injectable()
export class MediaProgressHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(view: MediaAssetView): void {
    this.emitter.emit(view.id, view);
  }

  subscribe(assetId: string, onChange: (view: MediaAssetView) => void): () => void {
    this.emitter.on(assetId, onChange);
    return () => this.emitter.off(assetId, onChange);
  }
}
