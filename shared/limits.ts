// The protocol's maxima and the bounds every side of the app shares (ports, hosts, MQTT
// strings), written once: everything else imports them.
