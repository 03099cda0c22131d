// What the timeline's marks mean, each beside a small sample drawn with the same styles.
const SAMPLES = [
  { sample: <g className="phase"><rect x={1} y={3} width={16} height={5} rx={1} /></g>, text: 'bar: a step to connect' },
  {
    sample: (
      <>
        <g className="packet dir-c2s"><circle cx={5} cy={6} r={4} /></g>
        <g className="packet dir-s2c"><circle cx={14} cy={6} r={4} /></g>
      </>
    ),
    text: 'dot: a packet from the client or the broker (red: a problem)',
  },
  { sample: <rect x={1} y={1} width={16} height={10} rx={3} className="flow" />, text: 'box: a QoS flow (dashed: open)' },
  { sample: <g className="deadline"><rect x={1} y={4} width={14} height={4} /><line x1={16} x2={16} y1={1} y2={11} /></g>, text: 'amber: time to the keep-alive deadline' },
  { sample: <g className="session-end"><line x1={9} x2={9} y1={0} y2={12} /></g>, text: 'dashed line: the end' },
];

export function TimelineLegend() {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {SAMPLES.map(({ sample, text }) => (
        <li key={text}>
          <svg width={18} height={12} aria-hidden="true">
            {sample}
          </svg>
          {text}
        </li>
      ))}
    </ul>
  );
}
