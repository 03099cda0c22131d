// aedes-persistence ships its async in-memory store without a declaration at this path.
declare module 'aedes-persistence/asyncPersistence.js' {
  const MemoryPersistence: new () => unknown;
  export default MemoryPersistence;
}
