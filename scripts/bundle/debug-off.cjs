// Stands in for the `debug` package in the app's bundles. mqtt-packet calls its loggers about
// forty times for each packet the embedded broker reads; the real package allocates their
// arguments and asks whether its namespace is on each time, which is most of a percent of the
// broker's work per call site. Nobody can turn those logs on in the app or the command line.
const off = Object.assign(() => {}, { enabled: false, extend: () => off, log: () => {}, namespace: '' });
module.exports = Object.assign(() => off, { enable: () => {}, disable: () => '', enabled: () => false, coerce: (value) => value });
