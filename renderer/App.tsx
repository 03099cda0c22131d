import { Workspace } from './features/workspace/Workspace';

export function App() {
  return <Workspace />;
}
