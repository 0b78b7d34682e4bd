#!/usr/bin/env bash
# The window's weight beside a bare iced window: both started side by side under one Xvfb, left
# to settle, then their resident memory read from /proc (VmRSS, and PSS from smaps_rollup, which
# shares the pages both map from the same library fairly), with the size of both release
# binaries. A benchmark that prints figures, not a test: the bare window is built from crates.io,
# so neither tests/run nor CI runs it.
#
#   tests/benchmarks/window.sh [RUNS]     RUNS side-by-side starts (default 5); the median is shown
#
# SETTLE=seconds before reading (default 5). BARE_PROFILE=same builds the bare window with this
# project's [profile.release] instead of cargo's default one (plus strip, as the app has).
# Needs xvfb-run; the bare crate and its build live in target/bare-iced (built once, reused).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" = --inside ]; then
  # One run, inside Xvfb: both windows at once, then their figures as "app_rss app_pss bare_rss
  # bare_pss" in kB.
  app=$2 bare=$3 settle=$4
  home=$(mktemp -d)
  HOME=$home XDG_CONFIG_HOME=$home/.config "$app" --lang zh-CN >"$home/app.log" 2>&1 &
  a=$!
  HOME=$home XDG_CONFIG_HOME=$home/.config "$bare" >"$home/bare.log" 2>&1 &
  b=$!
  sleep "$settle"
  kb() { awk -v k="$2:" '$1 == k { print $2 }' "$1"; }
  for p in $a $b; do
    if ! kill -0 "$p" 2>/dev/null; then
      echo "a window did not stay up:" >&2
      cat "$home"/*.log >&2
      exit 1
    fi
  done
  echo "$(kb /proc/$a/status VmRSS) $(kb /proc/$a/smaps_rollup Pss)" \
    "$(kb /proc/$b/status VmRSS) $(kb /proc/$b/smaps_rollup Pss)"
  kill "$a" "$b"
  wait "$a" "$b" 2>/dev/null || true
  rm -rf "$home"
  exit 0
fi

runs=${1:-5}
settle=${SETTLE:-5}
command -v xvfb-run >/dev/null || { echo "needs xvfb-run (Debian: xvfb)" >&2; exit 1; }

cargo build --release --locked --bin mailsetup
app=$PWD/target/release/mailsetup

# The bare window: iced 0.14's defaults with the same renderer (tiny-skia, no wgpu), the same
# platforms (X11, Wayland) and the same theme detection; a window of the app's size with a line
# of text.
bare_dir=$PWD/target/bare-iced
mkdir -p "$bare_dir/src"
cat >"$bare_dir/Cargo.toml.new" <<'TOML'
[package]
name = "bare-iced"
version = "0.1.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
iced = { version = "=0.14.0", default-features = false, features = ["tiny-skia", "crisp", "web-colors", "thread-pool", "linux-theme-detection", "x11", "wayland"] }

TOML
if [ "${BARE_PROFILE:-}" = same ]; then
  sed -n '/^\[profile.release\]/,/^$/p' Cargo.toml >>"$bare_dir/Cargo.toml.new"
else
  printf '[profile.release]\nstrip = true\n' >>"$bare_dir/Cargo.toml.new"
fi
# Rewritten only when it changed, so that a second run does not build again.
cmp -s "$bare_dir/Cargo.toml.new" "$bare_dir/Cargo.toml" ||
  mv "$bare_dir/Cargo.toml.new" "$bare_dir/Cargo.toml"
rm -f "$bare_dir/Cargo.toml.new"
cat >"$bare_dir/src/main.rs" <<'RUST'
use iced::widget::text;
use iced::{Element, Size};

fn view(_: &()) -> Element<'_, ()> {
    text("Mail Setup: a bare iced window").into()
}

fn main() -> iced::Result {
    iced::application(|| (), |_: &mut (), _: ()| {}, view)
        .window_size(Size::new(880.0, 680.0))
        .run()
}
RUST
# The versions the app builds with: its lock file, which cargo trims to what the bare one uses.
[ -f "$bare_dir/Cargo.lock" ] || cp Cargo.lock "$bare_dir/Cargo.lock"
(cd "$bare_dir" && CARGO_TARGET_DIR="$bare_dir/target" cargo build --release --quiet)
bare=$bare_dir/target/release/bare-iced

results=()
for i in $(seq "$runs"); do
  line=$(xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside "$app" "$bare" "$settle")
  results+=("$line")
  echo "$line" | awk -v i="$i" '{ printf "run %d: app %.1f MiB (PSS %.1f), bare %.1f MiB (PSS %.1f): %.2fx\n",
    i, $1 / 1024, $2 / 1024, $3 / 1024, $4 / 1024, $1 / $3 }'
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
col() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }' | median; }
app_rss=$(col 1) app_pss=$(col 2) bare_rss=$(col 3) bare_pss=$(col 4)
size() { stat -c %s "$1"; }
echo
echo "idle, the median of each over $runs side-by-side starts (${settle} s after start):"
awk -v a="$app_rss" -v b="$bare_rss" -v ap="$app_pss" -v bp="$bare_pss" 'BEGIN {
  printf "  RSS  app %.1f MiB, bare iced window %.1f MiB: %.2fx\n", a / 1024, b / 1024, a / b
  printf "  PSS  app %.1f MiB, bare iced window %.1f MiB: %.2fx\n", ap / 1024, bp / 1024, ap / bp }'
awk -v a="$(size "$app")" -v b="$(size "$bare")" 'BEGIN {
  printf "release binary: app %.1f MB (%d bytes), bare iced window %.1f MB\n", a / 1e6, a, b / 1e6 }'
