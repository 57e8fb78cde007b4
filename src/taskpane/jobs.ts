import type { Lang } from "../report/format";
import { byId } from "./dom";
import { errorWords } from "./errors";
import { t, type UiKey } from "./strings";

/**
 * Work that goes to Excel, one job at a time: while it runs the pane shows a
 * progress indicator (a spinner with its words, `role="progressbar"`), marks
 * the results busy (`aria-busy`) and disables every action (`data-action`);
 * when it fails, the error is said in words (errors.ts). A job asked for
 * while another runs waits for it.
 */
export interface Jobs {
  run(words: UiKey, work: () => Promise<void>): Promise<void>;
  busy(): boolean;
}

export interface JobDeps {
  lang: Lang;
  /** Says a failure (the status line, as an error). */
  fail(text: string): void;
  /** Whether the workbook is open read-only (an access refused is then not a protected sheet). */
  readOnly?(): boolean;
}

export function jobRunner(doc: Document, deps: JobDeps): Jobs {
  const progress = byId(doc, "progress");
  const progressText = byId(doc, "progress-text");
  const results = byId(doc, "sections");
  let running = 0;
  let queue: Promise<unknown> = Promise.resolve();
  /** Buttons disabled by the job (not those disabled before it). */
  let disabled: HTMLButtonElement[] = [];
  let focused: HTMLElement | null = null;

  const start = (words: UiKey) => {
    progressText.textContent = t(words, deps.lang);
    progress.hidden = false;
    results.setAttribute("aria-busy", "true");
    focused = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    disabled = [];
    for (const b of Array.from(doc.querySelectorAll<HTMLButtonElement>("button[data-action]"))) {
      if (b.disabled) continue;
      b.disabled = true;
      disabled.push(b);
    }
  };
  const end = () => {
    progress.hidden = true;
    results.removeAttribute("aria-busy");
    for (const b of disabled) b.disabled = false;
    disabled = [];
    // A disabled button loses the focus: give it back to the button that started the work.
    if (focused && (doc.activeElement === doc.body || doc.activeElement === null) && focused.isConnected)
      focused.focus();
    focused = null;
  };

  return {
    busy: () => running > 0,
    run(words, work) {
      const job = queue.then(async () => {
        running++;
        start(words);
        try {
          await work();
        } catch (e) {
          deps.fail(errorWords(e, deps.lang, deps.readOnly?.() ?? false));
        } finally {
          running--;
          end();
        }
      });
      queue = job;
      return job;
    },
  };
}
