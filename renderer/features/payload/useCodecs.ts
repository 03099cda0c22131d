// The payload codecs, loaded the first time a payload is shown (a chunk of their own), then kept.
import { useEffect, useState } from 'react';

type Codecs = typeof import('./codecs');

let loaded: Codecs | undefined;
let loading: Promise<Codecs> | undefined;

export function useCodecs(): { loaded?: Codecs; problem?: string } {
  const [state, setState] = useState<{ loaded?: Codecs; problem?: string }>(() => (loaded ? { loaded } : {}));
  useEffect(() => {
    if (state.loaded) return;
    let current = true;
    loading ??= import('./codecs').then((module) => (loaded = module));
    loading.then(
      (module) => current && setState({ loaded: module }),
      (error: Error) => {
        loading = undefined;
        if (current) setState({ problem: `The payload readers could not be loaded: ${error.message}` });
      },
    );
    return () => {
      current = false;
    };
  }, [state.loaded]);
  return state;
}
