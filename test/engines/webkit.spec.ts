import { smokeSuite } from './smokeSuite'

// Debian's WebKitGTK (MiniBrowser, the engine of every iOS browser) over WebKitWebDriver: every
// view, persistence, tabs of one browser. This build has no RTCPeerConnection; webkitNoWebRTC.spec.ts
// covers what a page without WebRTC does in a room with a signaling server.
smokeSuite('webkit')
