#!/usr/bin/env sh
# A "browser" for the remote-workload tests: follows the authorization URL's redirects (the test authorization server
# approves at once) back to Toolshed's loopback redirect, keeping cookies, as a person's browser would.
jar=$(mktemp)
curl -fsS -L --max-redirs 20 -c "$jar" -b "$jar" -o /dev/null "$1"
status=$?
rm -f "$jar"
exit $status
