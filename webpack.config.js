// Builds the add-in into a static folder (dist-addin/ by default): the task pane
// (also the shared-runtime page), the custom functions and their metadata
// (French, and English for every English Excel), the help pages, the icons and
// the manifest, every URL under ADDIN_URL (https://localhost:3000/ for a
// development build). See scripts/addin-build.ts and docs/deploiement.md.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { sources, WebpackError } = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const PORT = 3000;
const OUT = path.resolve(__dirname, "dist-addin");

/**
 * Loads a TypeScript module of scripts/ (and the src/ modules it imports),
 * each file transpiled on the fly: the build needs no prior `tsc` run, and
 * a fresh copy is read at every compilation (webpack serve).
 */
function requireTs(file) {
  const ts = require("typescript");
  const hooks = require.extensions;
  const previous = hooks[".ts"];
  const loaded = [];
  hooks[".ts"] = (module, filename) => {
    loaded.push(filename);
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
  try {
    return require(file);
  } finally {
    if (previous) hooks[".ts"] = previous;
    else delete hooks[".ts"];
    for (const f of loaded) delete require.cache[f];
  }
}

const build = () => requireTs(path.resolve(__dirname, "scripts/addin-build.ts"));

/**
 * After the metadata plugin: functions.json with its help URLs under the base
 * URL, then functions.en.json (English names, parameters, descriptions and
 * help page); and manifest.xml for the base URL, with package.json's version.
 */
class AddinAssetsPlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AddinAssetsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "AddinAssetsPlugin", stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const { rebaseHelpUrls, renderManifest, manifestVersion, packageVersion } = build();
          const manifestFile = path.resolve(__dirname, "manifest.xml");
          compilation.fileDependencies.add(manifestFile);
          compilation.fileDependencies.add(path.resolve(__dirname, "package.json"));
          try {
            const manifest = renderManifest(fs.readFileSync(manifestFile, "utf8"), {
              baseUrl: this.baseUrl,
              version: manifestVersion(packageVersion(__dirname)),
            });
            compilation.emitAsset("manifest.xml", new sources.RawSource(manifest));
            const fr = compilation.getAsset("functions.json");
            if (!fr) return; // the metadata plugin reported its errors
            const { englishMetadata } = requireTs(path.resolve(__dirname, "scripts/functions-en.ts"));
            const frJson = rebaseHelpUrls(JSON.parse(fr.source.source().toString()), this.baseUrl);
            compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(frJson, null, 2)));
            compilation.emitAsset(
              "functions.en.json",
              new sources.RawSource(JSON.stringify(englishMetadata(frJson), null, 2)),
            );
          } catch (e) {
            compilation.errors.push(new WebpackError(e instanceof Error ? e.message : String(e)));
          }
        },
      );
    });
  }
}

/** HTTPS options for the dev server: office-addin-dev-certs, else the files it leaves behind. */
async function httpsOptions() {
  try {
    return await require("office-addin-dev-certs").getHttpsServerOptions();
  } catch {
    const dir = path.join(os.homedir(), ".office-addin-dev-certs");
    const read = (f) => fs.readFileSync(path.join(dir, f));
    try {
      return { ca: read("ca.crt"), cert: read("localhost.crt"), key: read("localhost.key") };
    } catch {
      return {}; // webpack-dev-server makes a self-signed certificate
    }
  }
}

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  let baseUrl;
  try {
    baseUrl = build().addinBaseUrl(process.env.ADDIN_URL, !dev);
  } catch (e) {
    // A wrong ADDIN_URL is a message, not a stack trace.
    if (e && e.name === "AddinBuildError") e.stack = `${e.name}: ${e.message}`;
    throw e;
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    // publicPath "auto": chunks are fetched relative to the script that loads them,
    // so the folder works under any host and path (no absolute URL is built in).
    output: { path: OUT, filename: "[name].js", publicPath: "auto", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // ES modules for webpack, so `import()` makes its own chunk (tsconfig's CommonJS serves node).
          // The development build type-checks; the production build only transpiles (same output,
          // half the time): `npm run build` runs `tsc` on src/ before it.
          use: {
            loader: "ts-loader",
            options: { configFile: "tsconfig.json", transpileOnly: !dev, compilerOptions: { module: "esnext" } },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new AddinAssetsPlugin(baseUrl),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the pane's page also runs the custom functions.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/help/aide.html", to: "aide.html" },
          { from: "src/help/help.html", to: "help.html" },
        ],
      }),
    ],
    devServer: {
      static: { directory: OUT },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_SERVE ? await httpsOptions() : {} },
      port: PORT,
    },
  };
};
