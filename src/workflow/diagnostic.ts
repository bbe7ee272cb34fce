/** One problem found in a definition file, located like a compiler error. */
export interface Diagnostic {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** Stable code, e.g. TG_UNKNOWN_TOOL. */
  readonly code: string;
  readonly message: string;
}

export const DiagnosticCode = {
  FileUnreadable: 'TG_FILE_UNREADABLE',
  FileEmpty: 'TG_FILE_EMPTY',
  FileTooLarge: 'TG_FILE_TOO_LARGE',
  FileBinary: 'TG_FILE_BINARY',
  YamlSyntax: 'TG_YAML_SYNTAX',
  Schema: 'TG_SCHEMA',
  DuplicateId: 'TG_DUPLICATE_ID',
  UnknownTool: 'TG_UNKNOWN_TOOL',
  UnknownAgent: 'TG_UNKNOWN_AGENT',
  UnknownPolicy: 'TG_UNKNOWN_POLICY',
  UnknownStep: 'TG_UNKNOWN_STEP',
  UnknownWorkflow: 'TG_UNKNOWN_WORKFLOW',
  UnknownRoute: 'TG_UNKNOWN_ROUTE',
  UnknownRule: 'TG_UNKNOWN_RULE',
  UnreachableStep: 'TG_UNREACHABLE_STEP',
  NoEndReachable: 'TG_NO_END_REACHABLE',
  MissingTransition: 'TG_MISSING_TRANSITION',
  CelSyntax: 'TG_CEL_SYNTAX',
  CelUnknownVariable: 'TG_CEL_UNKNOWN_VARIABLE',
  CelType: 'TG_CEL_TYPE',
  JsonSchema: 'TG_JSON_SCHEMA',
  ToolNotAllowed: 'TG_TOOL_NOT_ALLOWED',
  MissingFile: 'TG_MISSING_FILE',
  FileNameMismatch: 'TG_FILE_NAME_MISMATCH',
  UnknownReference: 'TG_UNKNOWN_REFERENCE',
  UnknownField: 'TG_UNKNOWN_FIELD',
  OptionalField: 'TG_OPTIONAL_FIELD',
  StepMayNotHaveRun: 'TG_STEP_MAY_NOT_HAVE_RUN',
} as const;

/** `file:line:column: error TG_CODE: message`, as compilers print it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: error ${d.code}: ${d.message}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}
