"""Runs a command in a pseudo-terminal, as a person at a terminal would: waits for each expected text, then types.
argv: a JSON list of [wait_for, send] pairs, then the command. Prints JSON {status, output} when it ends.
Used by the kis init tests (Ctrl+C, Ctrl+D and re-asked questions need a real terminal)."""
import json, os, pty, select, sys, time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
output = b""
deadline = time.time() + 120

def read_some(timeout):
    global output
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    output += chunk
    return True

alive = True
for wait_for, send in steps:
    while alive and wait_for.encode() not in output and time.time() < deadline:
        alive = read_some(0.2)
    if wait_for.encode() not in output:
        break
    os.write(fd, send.encode())
while alive and time.time() < deadline:
    alive = read_some(0.2)
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"status": code, "output": output.decode("utf8", "replace")}))
