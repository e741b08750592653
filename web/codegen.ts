// Typed documents for every operation the app sends, from the committed SDL: an operation
// that does not validate against ../schema.graphql fails the build.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: "src/**/*.graphql",
  generates: {
    "src/gql/graphql.ts": {
      plugins: ["typescript", "typescript-operations", "typed-document-node"],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: "string", Date: "string", JSON: "unknown" },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
      },
    },
  },
  hooks: {},
};

export default config;
