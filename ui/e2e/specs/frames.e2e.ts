// A page inside a frame cannot reach the application's commands: frames
// from another origin (a data: URL, a web site) are not even loaded, a frame
// of the app's own origin runs no script of its own, and the app's page
// refuses to be framed (`frame-ancestors 'none'`). Each frame below tries to
// set a sentinel in the window and to create a roadmap for theme 14 through
// Tauri's IPC; neither may happen. The access rules themselves (a page of
// another origin may call no command) are tested on the compiled app in
// `src-tauri/src/lib.rs`.

interface Probe {
  fdrFrame?: number;
  fdrCspViolations?: string[];
}

/** What each frame's script would do if it ever ran. */
const attack = [
  "try{parent.fdrFrame=1}catch(e){}",
  "try{window.__TAURI_INTERNALS__.invoke('create_roadmap',{theme:14})}catch(e){}",
  "try{parent.__TAURI_INTERNALS__.invoke('create_roadmap',{theme:14})}catch(e){}",
  "try{window.webkit.messageHandlers.ipc.postMessage(JSON.stringify({cmd:'create_roadmap',callback:1,error:2,payload:{theme:14}}))}catch(e){}",
].join(";");

async function themeRow(n: number): Promise<string> {
  return browser.execute((k: number) => {
    const open = document.querySelector(`button[title$="du thème ${k}"]`);
    return open?.closest("tr")?.textContent ?? "(no row)";
  }, n);
}

describe("frames", () => {
  it("cannot reach the commands from a frame of any origin", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    const before = await themeRow(14);
    expect(before).toContain("14");
    const csp0 = await browser.execute(() => ((window as unknown as Probe).fdrCspViolations ?? []).length);

    await browser.execute((script: string) => {
      const add = (id: string, set: (f: HTMLIFrameElement) => void) => {
        const f = document.createElement("iframe");
        f.id = id;
        set(f);
        document.body.appendChild(f);
      };
      add("frame-srcdoc", (f) => (f.srcdoc = `<script>${script}</script>`));
      add("frame-data", (f) => (f.src = `data:text/html,<script>${encodeURIComponent(script)}</script>`));
      add("frame-web", (f) => (f.src = "https://exemple.invalid/"));
      add("frame-self", (f) => (f.src = "/index.html"));
    }, attack);
    await browser.pause(3000);

    const seen = await browser.execute(() => {
      const frames = ["frame-srcdoc", "frame-data", "frame-web", "frame-self"].map((id) => {
        const f = document.getElementById(id) as HTMLIFrameElement;
        let readable = false;
        let app = false;
        let tauri = "?";
        try {
          const doc = f.contentDocument;
          readable = doc !== null;
          tauri = typeof (f.contentWindow as unknown as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
          app = (doc?.getElementById("root")?.childElementCount ?? 0) > 0;
        } catch {
          readable = false;
        }
        return { id, readable, app, tauri };
      });
      const probe = window as unknown as Probe;
      return { sentinel: probe.fdrFrame ?? 0, violations: probe.fdrCspViolations ?? [], frames };
    });
    const violations = seen.violations.slice(csp0);
    console.log(`frames: ${JSON.stringify(seen.frames)}; CSP: ${JSON.stringify(violations)}`);

    expect(seen.sentinel).toBe(0);
    // No frame is given Tauri's IPC, and the app's own page refuses to run in one.
    expect(seen.frames.map((f) => `${f.id}: ${f.tauri}`)).toEqual(seen.frames.map((f) => `${f.id}: undefined`));
    expect(seen.frames.find((f) => f.id === "frame-self")?.app).toBe(false);
    // Frames of other origins are the CSP's doing, and it says so (the
    // srcdoc frame's own script-src violation is reported inside the frame).
    expect(violations.some((v) => v.startsWith("frame-src") && v.includes("data"))).toBe(true);
    expect(violations.some((v) => v.startsWith("frame-src") && v.includes("exemple.invalid"))).toBe(true);

    // Nothing was created: reload the overview from the store.
    await browser.execute(() => {
      for (const id of ["frame-srcdoc", "frame-data", "frame-web", "frame-self"]) document.getElementById(id)?.remove();
    });
    await browser.refresh();
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    expect(await themeRow(14)).toBe(before);
  });
});
