      if (twinOf(m.fn) && !wasm.error) js = runOne(twin, m.fn, m.args, true, timeTwin);
