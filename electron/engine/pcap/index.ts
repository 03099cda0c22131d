// Wireshark both ways: captured sessions written as pcapng, pcap and pcapng read into sessions.
export { readCapture, type CaptureProblem, type CaptureReading, type ReadCaptureOptions } from './read-capture';
export { pcapngBlocks, sessionComment, writePcapng, type PcapngWriteOptions } from './write-pcapng';
