/// The HTML of each page (no inline script or style: the content security policy forbids them).
enum Pages {
    private static func page(_ title: String, body: String, script: String = "/static/console.js") -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Veil</title>
        <link rel="stylesheet" href="/static/console.css">
        <script src="\(script)" defer></script>
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }

    private static let header = """
        <header><a href="/" class="brand">Veil</a><nav><a href="/">Cameras</a> <a href="/status" id="status-link" hidden>Status</a></nav>
        <span id="who"></span> <button id="logout" type="button">Log out</button></header>
        <p class="note">Every picture here is redacted. Raw footage is never shown in the console.</p>
        """

    static let login = page("Log in", body: """
        <main class="login">
        <h1>Veil staff console</h1>
        <form id="login-form">
        <label>User <input name="user" id="user" autocomplete="username" required></label>
        <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="login-button">Log in</button>
        <p id="login-error" class="error" role="alert"></p>
        </form>
        </main>
        """, script: "/static/login.js")

    static let grid = page("Cameras", body: header + """
        <main><h1>Cameras</h1><div id="grid" class="grid" data-page="grid"></div></main>
        """)

    static let camera = page("Camera", body: header + """
        <main data-page="camera">
        <h1 id="camera-name"></h1>
        <p class="state">State: <span id="state"></span> · <span id="fps"></span> fps · last frame <span id="last-frame"></span></p>
        <section>
        <h2 id="mode">Live</h2>
        <video id="video" muted autoplay playsinline controls></video>
        <p><button id="go-live" type="button">Back to live</button> <span id="latency"></span></p>
        </section>
        <section>
        <h2>Recorded</h2>
        <label>Day <input type="date" id="day"></label>
        <div id="timeline" class="timeline" title="Click to play from there"></div>
        <p class="legend"><span class="footage-key"></span> footage <span class="gap-key"></span> gap</p>
        <form id="range-form">
        <label>From <input id="from" type="datetime-local" step="1" required></label>
        <label>To <input id="to" type="datetime-local" step="1" required></label>
        <button type="submit" id="play-range">Play</button>
        <span id="export-controls" hidden><label><input type="checkbox" id="exact"> exact cut</label>
        <button type="button" id="export">Export clip</button></span>
        </form>
        <p id="export-result"></p>
        <p id="error" class="error" role="alert"></p>
        </section>
        <section>
        <h2>Occupancy</h2>
        <p class="legend">People counted per interval of the chosen day: the most present at once in each zone, entries
        (dark) under exits (light) on each line. Counts only; nothing about anyone is kept, and small counts are
        stored as "&lt;N" (grey).</p>
        <div id="occupancy"></div>
        </section>
        </main>
        """)

    static let status = page("Status", body: header + """
        <main data-page="status"><h1>Status</h1>
        <table id="status-table"><thead><tr><th>Camera</th><th>State</th><th>fps</th><th>Redacted footage</th>
        <th>Redacted segments</th><th>Raw segments (sealed)</th><th>Gaps</th></tr></thead><tbody></tbody></table>
        <p id="space"></p></main>
        """)

    static let style = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #f6f6f4; }
        header { display: flex; gap: 1em; align-items: center; padding: .5em 1em; background: #2b3a42; color: #fff; }
        header a { color: #fff; } header nav { flex: 1; } .brand { font-weight: bold; text-decoration: none; }
        main { padding: 1em; } .note { margin: 0; padding: .3em 1em; background: #e8efe8; font-size: .9em; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1em; }
        .tile { background: #fff; padding: .5em; border-radius: 4px; } .tile video, main video { width: 100%; max-width: 960px; background: #000; }
        .timeline { position: relative; height: 28px; background: #ddd; margin: .5em 0; cursor: pointer; max-width: 960px; }
        .timeline .footage { position: absolute; top: 0; bottom: 0; background: #3a7d44; }
        .timeline .gap { position: absolute; top: 0; bottom: 0; background: #b33; }
        .footage-key, .gap-key { display: inline-block; width: 1em; height: 1em; background: #3a7d44; vertical-align: middle; }
        .gap-key { background: #b33; } .error { color: #b33; } .login { max-width: 22em; margin: 4em auto; }
        .login label { display: block; margin: .5em 0; } .login input { width: 100%; }
        .chart { position: relative; height: 60px; background: #fff; max-width: 960px; border-bottom: 1px solid #888; }
        .chart .interval { position: absolute; bottom: 0; height: 100%; display: flex; flex-direction: column-reverse; }
        .chart .interval div { min-height: 1px; } .chart .people, .chart .entries { background: #2b6cb0; }
        .chart .exits { background: #90cdf4; } .chart .coarse div { background: #a0aec0; }
        .chart .scale { position: absolute; top: 0; right: 0; font-size: .75em; color: #555; }
        .axis { position: relative; height: 1.2em; max-width: 960px; font-size: .75em; color: #555; margin-bottom: .8em; }
        .axis span { position: absolute; transform: translateX(-50%); }
        .axis span:first-child { transform: none; } .axis span:last-child { transform: translateX(-100%); } .summary { margin: .2em 0; font-size: .9em; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .3em .6em; }
        """
}
