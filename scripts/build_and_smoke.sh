#!/usr/bin/env bash
# Builds the nianbao bundle from a clean checkout and runs the smoke test on the BUILT program.
#
#   scripts/build_and_smoke.sh [--worktree] [--venv] [--bare] [--dist DIR] [--work DIR] [--python PY]
#
#   (default)   builds what is committed (HEAD, exported with git archive), not the working tree
#   --worktree  builds the working tree as it is (CI: a fresh clone is the same thing)
#   --venv      builds in a new virtual environment under /tmp with only the project's own
#               dependencies (pip install .[build]); default: the current python, which must have
#               PyInstaller (pip install ".[build]")
#   --bare      also builds the bench baseline (dist/bare-window, see build.spec)
#   --dist DIR  where the bundle goes (default: dist/ of this checkout); --work DIR: PyInstaller's
#               work folder (default: a temporary one)
#
# Exit 0 only if the build succeeds, the smoke test passes, and the built program wrote nothing on
# stderr except the lines allowed below.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
worktree=0 venv=0 bare=0 dist="$repo/dist" work=""
while [ $# -gt 0 ]; do
  case $1 in
    --worktree) worktree=1 ;;
    --venv) venv=1 ;;
    --bare) bare=1 ;;
    --dist) dist=$2; shift ;;
    --work) work=$2; shift ;;
    --python) python=$2; shift ;;
    *) echo "build_and_smoke: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "$work" ] || work="$tmp/build"
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

# The source, copied out of the tree (pip and PyInstaller then write nothing into it): HEAD as
# committed, or with --worktree the files of the working tree that git does not ignore.
src="$tmp/src"
mkdir -p "$src"
if ! git -C "$repo" rev-parse --verify -q HEAD >/dev/null 2>&1; then
  (cd "$repo" && tar -c --exclude=./dist --exclude=./build --exclude=.git .) | tar -x -C "$src"
  echo "build_and_smoke: building $repo (not a git checkout)"
elif [ $worktree -eq 0 ]; then
  git -C "$repo" archive HEAD | tar -x -C "$src"
  echo "build_and_smoke: building HEAD $(git -C "$repo" rev-parse --short HEAD)"
else
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar -c --null --ignore-failed-read -T - 2>/dev/null) | tar -x -C "$src"
  echo "build_and_smoke: building the working tree of $repo"
fi

if [ $venv -eq 1 ]; then
  "$python" -m venv "$tmp/venv"
  "$tmp/venv/bin/pip" install -q "$src[build]"
  python="$tmp/venv/bin/python"
fi

start=$(date +%s)
build() {  # build [spec args…]: one PyInstaller run; its log is shown only if it fails
  if ! (cd "$src" && "$python" -m PyInstaller build.spec --noconfirm --clean --log-level WARN \
          --distpath "$dist" --workpath "$work" "$@") >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    echo "build_and_smoke: FAILED: PyInstaller could not build the bundle (log above)" >&2
    exit 1
  fi
}
build
[ $bare -eq 0 ] || build -- --bare
echo "build_and_smoke: built $dist/nianbao in $(( $(date +%s) - start )) s, $(du -sh "$dist/nianbao" | cut -f1)"

# The smoke test, run by the built program: on Windows (Git Bash) its console twin nianbao-cli.exe.
exe="$dist/nianbao/nianbao"
[ -x "$exe" ] || exe="$dist/nianbao/nianbao-cli.exe"
out="$tmp/smoke"
set +e
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$exe" --smoke-test "$out" 2>"$tmp/stderr"
status=$?
set -e

# stderr lines known to be harmless, one extended regex each:
#   - Qt's offscreen platform has no window manager to pass size hints to; it says so per window.
allowed='^This plugin does not support propagateSizeHints\(\)$'
unexpected=$(grep -Ev "$allowed" "$tmp/stderr" || true)
if [ $status -ne 0 ] || [ -n "$unexpected" ]; then
  cat "$tmp/stderr" >&2
  [ $status -ne 0 ] && echo "build_and_smoke: FAILED: the built program's smoke test exited $status" >&2
  [ -n "$unexpected" ] && echo "build_and_smoke: FAILED: the built program wrote unexpected lines on stderr (above)" >&2
  exit 1
fi
echo "build_and_smoke: passed"
