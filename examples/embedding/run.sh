#!/usr/bin/env bash
# Builds and runs the embedding example, a Maven project of its own on the installed Entrain
# artifacts (CI, after ./mvnw install), the way the README's Embedding section shows it:
#   1. Metronome on the class path: renders 4 bars to a WAV, plays them live on the software synth.
#   2. The same on the module path (com.example.metronome requires org.entrain.midi).
#   3. SchedulerOnly on a JVM limited to java.base (class path) and to org.entrain.core with what it
#      requires (module path): the engine without java.desktop.
#   4. Metronome without the add-exports: it must stop with a message naming the option.
# Needs an audio output for the live part (CI: the PulseAudio null sink). Exit status non-zero if
# a build or run fails or prints other figures than the plan's. MAVEN_ARGS passes options to
# Maven (e.g. -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")"
root=../..
"$root/mvnw" -B -ntp -q package
deps=target/dependency
out=target/run
mkdir -p "$out"
status=0

check() { # check NAME FILE PATTERN: the run's output has a line matching PATTERN
  if ! grep -Eq "$3" "$2"; then
    echo "embedding: $1 did not print /$3/; it printed:" >&2
    cat "$2" >&2
    status=1
  fi
}

wav_bytes() { # the WAV of N frames, 16-bit mono, with its 44-byte header
  echo $(( 44 + 2 * $1 ))
}

run_metronome() { # run_metronome NAME java-args...
  local name=$1
  shift
  timeout 120 java "$@" "$out/$name.wav" > "$out/$name.txt" 2> "$out/$name.err" || {
    echo "embedding: $name failed:" >&2
    cat "$out/$name.txt" "$out/$name.err" >&2
    status=1
    return
  }
  cat "$out/$name.txt"
  # 4 bars of 4 beats with eighth-note subdivisions: 32 cues, rendered and played.
  check "$name" "$out/$name.txt" "^rendered 32 cues to .*$name\.wav \([0-9]+ frames\)$"
  check "$name" "$out/$name.txt" "^played 32 cues on the software synth "
  local frames
  frames=$(sed -nE 's/^rendered .* \(([0-9]+) frames\)$/\1/p' "$out/$name.txt")
  if [[ -n "$frames" && $(stat -c %s "$out/$name.wav") -ne $(wav_bytes "$frames") ]]; then
    echo "embedding: $name.wav has $(stat -c %s "$out/$name.wav") bytes, not $(wav_bytes "$frames")" >&2
    status=1
  fi
}

echo "embedding: class path"
run_metronome classpath --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
  -cp "target/classes:$deps/*" com.example.metronome.Metronome

echo "embedding: module path"
run_metronome modulepath --add-exports java.desktop/com.sun.media.sound=org.entrain.midi \
  -p "target/classes:$deps" -m com.example.metronome/com.example.metronome.Metronome

run_scheduler() { # run_scheduler NAME java-args...: 2 bars of 4 beats, 8 cues, without java.desktop
  local name=$1
  shift
  if timeout 60 java "$@" com.example.metronome.SchedulerOnly > "$out/$name.txt" 2> "$out/$name.err"; then
    cat "$out/$name.txt"
    check "$name" "$out/$name.txt" "^scheduler only: 8 cues received; java.desktop in the module graph: false$"
  else
    echo "embedding: SchedulerOnly ($name) failed:" >&2
    cat "$out/$name.txt" "$out/$name.err" >&2
    status=1
  fi
}

echo "embedding: the scheduler alone on a JVM limited to java.base (class path)"
run_scheduler scheduler-classpath --limit-modules java.base \
  -cp "target/classes:$deps/entrain-core-0.1.0-SNAPSHOT.jar:$deps/HdrHistogram-2.2.2.jar:$deps/slf4j-api-2.0.20.jar"

echo "embedding: the scheduler alone, org.entrain.core and what it requires (module path)"
run_scheduler scheduler-modulepath --limit-modules org.entrain.core -p "$deps" --add-modules org.entrain.core \
  -cp target/classes

echo "embedding: without the add-exports the synth needs"
if java -cp "target/classes:$deps/*" com.example.metronome.Metronome "$out/none.wav" > "$out/none.txt" 2>&1; then
  echo "embedding: Metronome ran without --add-exports; expected it to stop with the option's name" >&2
  status=1
else
  check no-add-exports "$out/none.txt" \
    "IllegalStateException: the software synth needs the JVM option --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED"
  grep -h "IllegalStateException" "$out/none.txt" || true
fi
exit $status
