"""Measures what the staff console costs a recording camera and how far behind the camera its
live view is. Drives Debian's chromium through chromedriver's WebDriver protocol (no Selenium:
plain JSON over HTTP). See Benchmarks/console.sh."""
import json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

veil, window, rounds, report = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sample = os.path.abspath('samples/library-walk-720p.mp4')
tick = os.sysconf('SC_CLK_TCK')
password = 'console-bench-password'


def cpu_seconds(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def start_recorder(root, web):
    data = os.path.join(root, 'data')
    with open(os.path.join(root, 'pw'), 'w') as f:
        f.write(password + '\n')
    subprocess.run([veil, 'officer', 'add', 'o', '--data-dir', data, '--passphrase-file', f'{root}/pw'], check=True, capture_output=True)
    subprocess.run([veil, 'user', 'add', 'staff', '--role', 'viewer', '--data-dir', data, '--password-file', f'{root}/pw'],
                   check=True, capture_output=True)
    with open(f'{root}/veil.yaml', 'w') as f:
        f.write(f'dataDirectory: {data}\nsegmentSeconds: 10\n' + (web or '')
                + f'\ncameras:\n  - name: room\n    url: {sample}\n    loop: true\n')
    log = open(f'{root}/record.log', 'w')
    process = subprocess.Popen([veil, 'record', '--config', f'{root}/veil.yaml'], stdout=log, stderr=subprocess.STDOUT)
    time.sleep(15)  # connected, detectors loaded, first segments written
    return process


def webdriver(port):
    base = f'http://127.0.0.1:{port}'

    def call(method, path, body=None):
        data = json.dumps(body).encode() if body is not None else (b'{}' if method == 'POST' else None)
        request = urllib.request.Request(base + path, method=method, data=data, headers={'Content-Type': 'application/json'})
        return json.load(urllib.request.urlopen(request))['value']
    return call


def cpu_over(pid, seconds):
    before, started = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.monotonic() - started)


results = {'off': [], 'idle': [], 'watched': []}
latencies = []
root = tempfile.mkdtemp(prefix='veil-console-bench-')
try:
    off = os.path.join(root, 'off'); os.makedirs(off)
    recorder = start_recorder(off, None)
    for _ in range(rounds):
        results['off'].append(cpu_over(recorder.pid, window))
    recorder.terminate(); recorder.wait()

    on = os.path.join(root, 'on'); os.makedirs(on)
    recorder = start_recorder(on, 'web: {listen: "127.0.0.1:18555"}')
    driver = subprocess.Popen(['chromedriver', '--port=19515'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    call = webdriver(19515)
    for _ in range(rounds):
        results['idle'].append(cpu_over(recorder.pid, window))
        session = call('POST', '/session', {'capabilities': {'alwaysMatch': {'goog:chromeOptions': {'args': [
            '--headless=new', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required']}}}})['sessionId']
        s = f'/session/{session}'
        call('POST', s + '/url', {'url': 'http://127.0.0.1:18555/login?next=/cameras/room'})
        key = 'element-6066-11e4-a52e-4f735466cecf'
        element = lambda css: call('POST', s + '/element', {'using': 'css selector', 'value': css})[key]
        call('POST', s + f'/element/{element("#user")}/value', {'text': 'staff'})
        call('POST', s + f'/element/{element("#password")}/value', {'text': password})
        call('POST', s + f'/element/{element("#login-button")}/click', {})
        time.sleep(5)
        results['watched'].append(cpu_over(recorder.pid, window))
        latencies += call('POST', s + '/execute/sync', {'script': 'return window.veilPlayer.latencies', 'args': []})
        call('DELETE', s)
    driver.terminate()
    recorder.terminate(); recorder.wait()
finally:
    shutil.rmtree(root, ignore_errors=True)

median = {k: statistics.median(v) for k, v in results.items()}
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))] / 1000 if latencies else float('nan')
load = open('/proc/loadavg').read().split()[0]
lines = [
    '# Staff console: CPU and live delay', '',
    f'`bash Benchmarks/console.sh {int(window)} {rounds}` on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}, '
    f'{os.cpu_count()} cores, load average {load} at the end. One 720p25 camera (the bundled sample, looped in real time), '
    f'release build; CPU of the `veil record` process only (not the browser), in cores, over {rounds} windows of {int(window)} s each.', '',
    '| console | CPU (cores), median | windows | vs. console off |', '|---|---|---|---|',
]
for key, label in [('off', 'off (no `web:`)'), ('idle', 'on, nobody watching'), ('watched', 'on, one browser watching live')]:
    lines.append(f'| {label} | {median[key]:.3f} | {", ".join(f"{v:.3f}" for v in results[key])} | '
                 f'{(median[key] / median["off"] - 1) * 100:+.1f} % |')
lines += ['', f'Camera-to-screen delay of the live view, as the page\'s player measured it ({len(latencies)} samples, every 250 ms '
          'while playing): now minus the read time of the picture shown (the segment\'s `EXT-X-PROGRAM-DATE-TIME` plus its offset in the segment): '
          f'p50 {p(0.5):.2f} s, p95 {p(0.95):.2f} s, max {latencies[-1] / 1000 if latencies else float("nan"):.2f} s.', '']
open(report, 'w').write('\n'.join(lines))
print('\n'.join(lines))
