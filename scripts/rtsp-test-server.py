#!/usr/bin/python3
"""A real RTSP camera for Veil's tests: serves an Annex-B H.264 file as an endless live stream.

GStreamer's RTSP server (Debian: python3-gi, gir1.2-gst-rtsp-server-1.0, python3-gst-1.0,
gstreamer1.0-plugins-base/good/bad, glib-networking for TLS). Run it with Debian's
/usr/bin/python3: other Python builds on the machine have no `gi`.

The file is never re-encoded: h264parse splits and re-times the access units at the frame
rate given in the caps (the bundled sample's SPS carries no timing information), a pad probe
copies decoding to presentation time (see below), and SPS/PPS are re-sent before each
keyframe, so a client that joins mid-stream starts at the next keyframe, as with a real
camera. Timestamps keep increasing across loops of the file.

Prints `READY <port>` on stdout once it accepts connections (with `--port 0` the port is
chosen by the kernel), then serves until killed. With `--watch-stdin` it also exits when its
standard input closes, so a test process that dies never leaves a server behind.

By hand:
    ffmpeg -i samples/library-walk-720p.mp4 -c copy -bsf:v h264_mp4toannexb -f h264 /tmp/cam.h264
    /usr/bin/python3 scripts/rtsp-test-server.py --file /tmp/cam.h264 --port 8554 --path /cam1
    ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/cam1
Add `--user U --password P` for Basic auth, `--tls-cert C --tls-key K` for rtsps://.
"""
import argparse
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gio, GLib, Gst, GstRtspServer  # noqa: E402

ROLE = "camera-viewer"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True, help="Annex-B H.264 file (fixed GOP, no B-frames)")
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one")
    parser.add_argument("--address", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument("--path", default="/cam1", help="mount point, e.g. /cam1")
    parser.add_argument("--fps", type=int, default=25, help="frame rate, for streams whose SPS carries none")
    parser.add_argument("--user", help="require Basic auth with this user name")
    parser.add_argument("--password", help="password for --user")
    parser.add_argument("--tls-cert", help="PEM certificate (chain): serve rtsps://")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when stdin reaches end of file")
    arguments = parser.parse_args()
    if (arguments.user is None) != (arguments.password is None):
        parser.error("--user and --password go together")
    if (arguments.tls_cert is None) != (arguments.tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    if not os.path.isfile(arguments.file):
        parser.error(f"no such file: {arguments.file}")
    return arguments


def make_factory(path, fps):
    factory = GstRtspServer.RTSPMediaFactory()
    location = path.replace("\\", "\\\\").replace('"', '\\"')
    factory.set_launch(
        f'( multifilesrc location="{location}" loop=true caps="video/x-h264,stream-format=byte-stream,framerate={fps}/1" '
        "! h264parse name=parse config-interval=-1 ! video/x-h264,stream-format=byte-stream,alignment=au "
        "! rtph264pay name=pay0 pt=96 config-interval=-1 )"
    )
    # One pipeline for every client, like one physical camera.
    factory.set_shared(True)
    factory.connect("media-configure", copy_decoding_time_to_presentation_time)
    return factory


def copy_decoding_time_to_presentation_time(_factory, media):
    """h264parse gives each access unit a decoding time but, for a stream without picture
    timing, no presentation time, and rtph264pay stamps RTP from the presentation time (all
    zero otherwise). Cameras send no B-frames, so both times are equal; set it here."""
    def stamp(_pad, info):
        buffer = info.get_buffer()
        buffer.pts = buffer.dts
        return Gst.PadProbeReturn.OK

    parse = media.get_element().get_by_name("parse")
    parse.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, stamp)


def make_auth(arguments, factory):
    """Basic auth and/or TLS. Anonymous clients get the viewer token only when no user is set."""
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", ROLE)
    if arguments.user is not None:
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(arguments.user, arguments.password), token)
    else:
        auth.set_default_token(token)
    if arguments.tls_cert is not None:
        certificate = Gio.TlsCertificate.new_from_files(arguments.tls_cert, arguments.tls_key)
        auth.set_tls_certificate(certificate)
    permissions = Gst.Structure.new_from_string(
        f"{ROLE}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
    )
    factory.add_role_from_structure(permissions)
    return auth


def main():
    arguments = parse_arguments()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(arguments.address)
    server.set_service(str(arguments.port))
    factory = make_factory(arguments.file, arguments.fps)
    if arguments.user is not None or arguments.tls_cert is not None:
        server.set_auth(make_auth(arguments, factory))
    server.get_mount_points().add_factory(arguments.path, factory)

    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        print(f"FAILED could not listen on {arguments.address}:{arguments.port}", flush=True)
        sys.exit(1)
    for number in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, number, loop.quit)
    if arguments.watch_stdin:
        def stdin_closed(_channel, _condition):
            loop.quit()
            return False
        GLib.io_add_watch(GLib.IOChannel.unix_new(0), GLib.PRIORITY_DEFAULT,
                          GLib.IOCondition.HUP | GLib.IOCondition.IN | GLib.IOCondition.ERR, stdin_closed)
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
