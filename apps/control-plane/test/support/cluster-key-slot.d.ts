// cluster-key-slot comes with ioredis (which routes by it) and ships no types of its own.
declare module 'cluster-key-slot' {
  /** The Redis Cluster hash slot of a key (CRC16 of its hash tag, or of the whole key), 0..16383. */
  function calculateSlot(key: string | Buffer): number;
  export = calculateSlot;
}
