// Electron's fuses, flipped in the packaged executable itself: what the installed app must not
// do whoever starts it (run as plain Node, take NODE_OPTIONS or --inspect, load code from
// outside its archive, give file:// extra rights), read back from the binary.
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';

/** A fuse's state as its byte in the wire (the library keeps these to itself). */
export const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;
type Required = typeof FuseState.DISABLE | typeof FuseState.ENABLE;

/** Each fuse the package sets, with the state it must have. */
export const REQUIRED_FUSES: readonly { fuse: FuseV1Options; state: Required }[] = [
  { fuse: FuseV1Options.RunAsNode, state: FuseState.DISABLE },
  { fuse: FuseV1Options.EnableCookieEncryption, state: FuseState.ENABLE },
  { fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable, state: FuseState.DISABLE },
  { fuse: FuseV1Options.EnableNodeCliInspectArguments, state: FuseState.DISABLE },
  { fuse: FuseV1Options.OnlyLoadAppFromAsar, state: FuseState.ENABLE },
  { fuse: FuseV1Options.GrantFileProtocolExtraPrivileges, state: FuseState.DISABLE },
];

/** What the executable's fuses say against `REQUIRED_FUSES`, in words; empty when all hold. */
export async function fuseProblems(executable: string): Promise<string[]> {
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
  return REQUIRED_FUSES.flatMap(({ fuse, state }) =>
    wire[fuse] === state ? [] : [`${FuseV1Options[fuse]} is ${wire[fuse] === FuseState.ENABLE ? 'on' : wire[fuse] === FuseState.DISABLE ? 'off' : 'not set'}; it must be ${state === FuseState.ENABLE ? 'on' : 'off'}`],
  );
}
