import { start } from "@codegouvfr/react-dsfr/start";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

// Content-Security-Policy violations are kept for the end-to-end tests,
// which require there are none.
const violations: string[] = [];
document.addEventListener("securitypolicyviolation", (e) => {
  violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
(window as unknown as { fdrCspViolations: string[] }).fdrCspViolations = violations;

// The DSFR's start, as `startReactDsfr` does it, but asking for a nonce so
// that it injects no inline <style> (the CSP forbids them): the colour
// scheme it would set is in public/app.css.
void start({
  defaultColorScheme: "light",
  verbose: false,
  doCheckNonce: true,
  trustedTypesPolicyName: "react-dsfr",
  nextParams: undefined,
});

// The application never runs inside a frame: the webview on Linux does not
// apply the CSP's `frame-ancestors`, so the page checks it itself (Tauri
// gives a frame no access to the commands anyway; see e2e/specs/frames).
const framed = window.top !== window.self;
const root = document.getElementById("root");
if (root && framed) {
  root.textContent = "Feuilles de route ne s’ouvre pas à l’intérieur d’un cadre.";
} else if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
