// simple-peer ships no types; lazySimplePeer.ts describes the part y-webrtc uses.
declare module 'simple-peer/simplepeer.min.js' {
  const Peer: new (opts: object) => never
  export default Peer
}
