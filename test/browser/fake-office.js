// A scripted Excel host for the task pane's browser test: just enough of
// Office.js (Office, Excel, CustomFunctions) over in-memory sheets. Injected
// before the page's scripts; the test seeds `window.__FAKE_BOOK__` first.
(() => {
  const book = window.__FAKE_BOOK__ || { sheets: [], active: 0, displayLanguage: "fr-FR" };
  const calls = (window.__FAKE_CALLS__ = {
    selected: [],
    syncs: 0,
    settings: { ...(book.settings || {}) },
    calculations: 0,
    written: [],
    formatsRead: 0,
    settingsReads: 0,
    ready: false,
    passes: [],
    passReady: [],
  });

  const letters = (col) => {
    let n = col + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };

  /** A range object over a sheet's cells (values, number formats, address and the few calls the add-in makes). */
  function rangeOf(sheet, row, col, rows, cols) {
    const values = [];
    const formats = [];
    for (let r = 0; r < rows; r++) {
      const line = [];
      const formatLine = [];
      for (let c = 0; c < cols; c++) {
        const v = sheet.values[row + r]?.[c + col];
        line.push(v === undefined || v === null ? "" : v);
        formatLine.push(sheet.formats?.[row + r]?.[c + col] || "General");
      }
      values.push(line);
      formats.push(formatLine);
    }
    const address = `'${sheet.name}'!${letters(col)}${row + 1}:${letters(col + cols - 1)}${row + rows}`;
    return {
      isNullObject: false,
      address,
      rowIndex: row,
      columnIndex: col,
      rowCount: rows,
      columnCount: cols,
      get values() {
        return values;
      },
      get numberFormat() {
        calls.formatsRead++;
        return formats;
      },
      set numberFormat(f) {
        // A write of formats: kept in the sheet like the values.
        f.forEach((line, r) =>
          line.forEach(
            (x, c) => (((sheet.formats = sheet.formats || [])[row + r] = sheet.formats[row + r] || [])[col + c] = x),
          ),
        );
      },
      set values(v) {
        // A write: into the sheet, and recorded for the test.
        v.forEach((line, r) =>
          line.forEach((x, c) => ((sheet.values[row + r] = sheet.values[row + r] || [])[col + c] = x)),
        );
        calls.written.push({ sheet: sheet.name, address: address.split("!")[1], values: v });
      },
      load() {
        return this;
      },
      select() {
        calls.selected.push(`${sheet.name}!${address.split("!")[1].split(":")[0]}`);
      },
      getMergedAreasOrNullObject() {
        return { isNullObject: true, load() {} };
      },
      format: { fill: { color: "#FFFFFF", clear() {} }, load() {} },
    };
  }

  function worksheet(sheet, index) {
    return {
      id: `{sheet-${index}}`,
      name: sheet.name,
      load() {
        return this;
      },
      getUsedRangeOrNullObject() {
        const rows = sheet.values.length;
        const cols = Math.max(0, ...sheet.values.map((r) => r.length));
        if (!rows || !cols) return { isNullObject: true, load() {} };
        return rangeOf(sheet, 0, 0, rows, cols);
      },
      getRangeByIndexes(row, col, rows, cols) {
        return rangeOf(sheet, row, col, rows, cols);
      },
      getRange(address) {
        if (!address) return rangeOf(sheet, 0, 0, sheet.values.length, 1);
        const m = /^([A-Z]+)(\d+)/.exec(address.replace(/\$/g, ""));
        let col = 0;
        for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
        return rangeOf(sheet, Number(m[2]) - 1, col - 1, 1, 1);
      },
      activate() {},
    };
  }

  const sheets = book.sheets.map(worksheet);
  /** Excel's errors to raise at the next syncs: an OfficeExtension.Error has a `code` (Excel.ErrorCodes) and a message. */
  const failures = [];
  window.__FAKE_SYNC_DELAY__ = book.syncDelayMs || 0;
  window.__FAKE_FAIL_NEXT__ = (code, message) => {
    const e = new Error(message);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code, message };
    failures.push(e);
    return failures.length;
  };
  const handlers = [];
  /** A user's edit: the value changes, then Excel tells the add-in. */
  window.__FAKE_EDIT__ = (sheetName, row, col, value) => {
    const k = book.sheets.findIndex((s) => s.name === sheetName);
    const target = book.sheets[k];
    (target.values[row] = target.values[row] || [])[col] = value;
    const event = {
      worksheetId: sheets[k].id,
      address: `${letters(col)}${row + 1}`,
      changeType: "RangeEdited",
      triggerSource: "Local",
    };
    if (context.runtime.enableEvents) for (const h of handlers.slice()) h(event);
    return handlers.length;
  };
  const settingsItem = (key) => {
    calls.settingsReads++;
    const has = Object.prototype.hasOwnProperty.call(calls.settings, key);
    return { isNullObject: !has, value: has ? calls.settings[key] : undefined, load() {} };
  };
  const context = {
    workbook: {
      worksheets: {
        items: sheets,
        load() {
          return this;
        },
        getActiveWorksheet: () => sheets[book.active || 0],
        getItem: (name) => sheets.find((s) => s.name === name),
        getItemOrNullObject: (key) =>
          sheets.find((s) => s.name === key || s.id === key) || { isNullObject: true, load() {} },
        onChanged: {
          add(handler) {
            handlers.push(handler);
            return {
              remove() {
                handlers.splice(handlers.indexOf(handler), 1);
              },
            };
          },
        },
      },
      settings: {
        getItemOrNullObject: settingsItem,
        add(key, value) {
          calls.settings[key] = value;
        },
      },
      application: {
        calculate() {
          calls.calculations++;
          calculateFormulas();
        },
      },
    },
    runtime: { enableEvents: true },
    sync() {
      calls.syncs++;
      // A slow Excel (`book.syncDelayMs`, or `__FAKE_SYNC_DELAY__` set by the test), and Excel's
      // refusals: `__FAKE_FAIL_NEXT__(code, message)` makes the next sync reject as Excel does.
      const failure = failures.shift();
      const delay = Number(window.__FAKE_SYNC_DELAY__) || 0;
      const wait = delay > 0 ? new Promise((resolve) => setTimeout(resolve, delay)) : Promise.resolve();
      return wait.then(() => {
        if (failure) throw failure;
      });
    },
  };

  // Requirement sets the host lacks: `book.unsupported` as ["ExcelApi 1.18"] (that version and above).
  const newer = (a, b) => {
    const x = String(a).split(".").map(Number);
    const y = String(b).split(".").map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++)
      if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0);
    return true;
  };
  const isSetSupported = (name, version) =>
    !(book.unsupported || []).some((u) => {
      const [n, v] = u.split(" ");
      return n === name && newer(version || "1.1", v);
    });
  // The pane shown or hidden: `__FAKE_VISIBILITY__("Hidden" | "Taskpane")` (SharedRuntime 1.1).
  const visibilityHandlers = [];
  window.__FAKE_VISIBILITY__ = (mode) => {
    for (const h of visibilityHandlers.slice()) h({ visibilityMode: mode });
    return visibilityHandlers.length;
  };
  const excel = {
    run: (cb) => Promise.resolve().then(() => cb(context)),
    RequestContext: function RequestContext() {
      return context;
    },
    CalculationType: { full: "Full" },
  };
  // The host library may arrive late (`book.lateExcelMs`), as in Excel: `Office` first, `Excel` and onReady after.
  const ready = new Promise((resolve) => {
    const arrive = () => {
      window.Excel = excel;
      calls.ready = true;
      resolve({ host: "Excel", platform: "PC" });
    };
    if (typeof book.lateExcelMs === "number") setTimeout(arrive, book.lateExcelMs);
    else arrive();
  });
  window.Office = {
    HostType: { Excel: "Excel" },
    DocumentMode: { ReadOnly: "readOnly", ReadWrite: "readWrite" },
    context: {
      displayLanguage: book.displayLanguage || "fr-FR",
      requirements: { isSetSupported },
      // Office's theme (`book.officeTheme`: bodyBackgroundColor, bodyForegroundColor, …, isDarkTheme), when the test gives one.
      officeTheme: book.officeTheme,
      document: { mode: book.readOnly ? "readOnly" : "readWrite" },
    },
    onReady(cb) {
      return ready.then((info) => (cb ? cb(info) : info));
    },
    addin: {
      onVisibilityModeChanged(handler) {
        visibilityHandlers.push(handler);
        return Promise.resolve(() => {
          visibilityHandlers.splice(visibilityHandlers.indexOf(handler), 1);
          return Promise.resolve();
        });
      },
    },
  };
  class CfError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  // Custom functions: the associated ones, and the workbook's formulas over them (`book.formulas`:
  // [{ id, args }]), calculated once after the functions are associated (as Excel does when the
  // runtime starts) and again at each calculate(); each pass is kept in `passes`.
  const associated = {};
  let firstPass = null;
  function calculateFormulas() {
    if (!book.formulas) return;
    calls.passReady.push(calls.ready);
    calls.passes.push(
      book.formulas.map((f) => {
        try {
          return associated[f.id] ? associated[f.id](...f.args) : "#NAME?";
        } catch (e) {
          return `${e.code || "#ERROR"} ${e.message}`;
        }
      }),
    );
  }
  window.CustomFunctions = {
    associate(id, fn) {
      associated[id] = fn;
      firstPass = firstPass || setTimeout(calculateFormulas, 0);
    },
    Error: CfError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
})();
