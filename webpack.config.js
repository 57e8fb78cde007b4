/* eslint-disable no-undef */
// Builds the add-in: the task pane (also the shared-runtime page), the custom
// functions and their metadata (French, and English for English Excel).
const fs = require("fs");
const os = require("os");
const path = require("path");
const { sources } = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const PORT = 3000;
const OUT = path.resolve(__dirname, "dist-addin");

/** English metadata (functions.en.json) from the French one, once the French one is emitted. */
class EnglishFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("EnglishFunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "EnglishFunctionsMetadataPlugin", stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const fr = compilation.getAsset("functions.json");
          if (!fr) return;
          // The name table is TypeScript: read its compiled form (npm run build:cli, run by `prepare`).
          const { englishMetadata } = require(path.resolve(__dirname, "dist/scripts/functions-en.js"));
          const en = englishMetadata(JSON.parse(fr.source.source().toString()));
          compilation.emitAsset("functions.en.json", new sources.RawSource(JSON.stringify(en, null, 2)));
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
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: { path: OUT, filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // ES modules for webpack, so `import()` makes its own chunk (tsconfig's CommonJS serves node).
          use: { loader: "ts-loader", options: { configFile: "tsconfig.json", compilerOptions: { module: "esnext" } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new EnglishFunctionsMetadataPlugin(),
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
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "src/help/aide.html", to: "aide.html" },
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
