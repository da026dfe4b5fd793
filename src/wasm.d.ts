/* check(request) resolves to the Report; checkMarkdown(request) to the same report as Markdown (both
   asynchronous: signatures are verified with the platform's WebCrypto). A bad request rejects with an
   Error. now is the evaluation time in milliseconds (Date.now()); roles maps input names to
   roles; publicRoots is the content of public-roots.bin (the roots browsers trust); symptomCatalog is
   symptoms.json parsed (the known error messages read in pasted text and logs; without it, such text
   is listed as not read and summary.texts_unread counts it); chartDefaults is chart-defaults.json
   parsed (the Helm chart's values.yaml by version), read by the module built with the Kubernetes
   reader (without it, a Kubernetes input is listed as not read and summary.kubernetes_unread counts it). */
export interface CheckInput { name: string; bytes: Uint8Array; }
export interface CheckRequest { inputs: CheckInput[]; now?: number; hostname?: string; roles?: Record<string, Role>; publicRoots?: Uint8Array; symptomCatalog?: SymptomFamily[]; chartDefaults?: Record<string, string>; }
/** One family of symptoms.json: data/symptoms/catalog.json without its readers' fields (channel_hint, sources). */
export interface SymptomFamily { id: string; printed_by: PrintedBy; patterns: string[]; channel: ChannelId | null; meaning: string; causes: SymptomFamilyCause[]; }
export interface SymptomFamilyCause { text: string; rules: string[]; }
export type PrintedBy = "browser" | "rserver" | "launcher" | "session" | "curl" | "openssl" | "kubernetes" | "other";
/** A known error message found in pasted text, a log or s_client/curl output. line: its first occurrence, count:
 * how many lines hold it (on this channel and host); channel null with candidates: not decided, decided_by
 * says what would decide it; channel null without candidates: about none of Workbench's channels;
 * confirmed_by: the rules whose findings explain it; ask_for: the files that would, when none does. */
export interface Symptom { input: string; line: number; text: string; count: number; family: string; printed_by: PrintedBy; channel: ChannelId | null; candidates: ChannelId[]; decided_by: string; host?: string; meaning: string; causes: SymptomCause[]; confirmed_by: string[]; ask_for: string[]; }
export interface SymptomCause { text: string; rules: string[]; confirmed: boolean; }
export type Role = "rserver-certificate" | "rserver-key" | "launcher-certificate" | "launcher-key" | "launcher-pem" | "launcher-pub" | "trusted-ca" | "certificate" | "private-key" | "ca-certificates" | "csr" | "public-key" | "unknown";
export type Severity = "error" | "warning" | "info";
export type ChannelId = "a" | "b" | "c" | "d" | "-";
export type ChannelStatus = "verified" | "trust-unknown" | "encrypted-unverified" | "plaintext" | "broken" | "not-configured" | "unknown";
export interface Location { file: string; line: number | null; column?: number; block: number | null; }
export interface Finding { rule: string; severity: Severity; channel: ChannelId; file: string; line: number | null; column?: number; block: number | null; message: string; help: string; related: Location[]; fix?: Fix; step?: number; }
/** Replaces the text between two positions of a config file (1-based lines and columns in characters,
 * the end excluded; an insertion when they are equal). */
export interface Edit { file: string; line: number; column: number; end_line: number; end_column: number; text: string; }
/** "safe": changes nothing but what the finding is about; "needs-review": a choice was made for you. */
export interface Fix { description: string; safety: "safe" | "needs-review"; edits: Edit[]; guards?: ChannelId; }
export type StepKind = "edit" | "command" | "restart" | "provide" | "change";
export interface Alternative { rule: string; description: string; why_not: string; }
/** One step of the plan: resolves holds indices into findings, rules their names; waits_for the numbers of
 * steps to do first. */
export interface Step { number: number; kind: StepKind; action: string; fix?: Fix; resolves: number[]; rules: string[]; summary: Summary; service_fails_to_start?: boolean; unblocks: ChannelId[]; waits_for: number[]; waits_because?: string; alternatives?: Alternative[]; }
export interface SettingRef { file: string; line: number | null; key: string; value: string; default: boolean; }
export interface CertificateRef { subject: string; sans: string[]; not_after: string; sha256: string; }
export interface ChannelSummary { id: ChannelId; status: ChannelStatus; endpoint: string | null; certificate: CertificateRef | null; trust: string[]; settings: SettingRef[]; explanation: string; served: ServedSummary[]; nodes?: NodeStatus[]; }
/** In a load-balanced cluster, one node's side of a channel. */
/** certificate: on channel d, the certificate the node serves the other nodes, when given. */
export interface NodeStatus { node: string; status: ChannelStatus; endpoint: string | null; certificate?: CertificateRef; }
export type ServedResult = "tls" | "plain-http" | "plain-http-on-tls" | "tls-on-plain-http" | "failed";
/** What a channel's endpoint was seen to serve (`wb-ssl-check probe`, or pasted `openssl s_client` / `curl -v` output). */
export interface ServedSummary { source: string; dialled: string; address: string | null; result: ServedResult; detail: string; certificates: CertificateRef[]; same_as_file: boolean | null; status: ChannelStatus; http: string | null; }
export interface InputSummary { name: string; kind: string; role: Role | null; description: string; }
/** name: a short name for people (the subject's first common name, else the subject). */
export interface CertificateSummary { file: string; block: number; subject: string; name: string; issuer: string; serial: string; sans: string[]; not_before: string; not_after: string; key: string; signature: string; sha256: string; self_signed: boolean; ca: boolean; key_usage: string[]; extended_key_usage: string[]; role: string; }
export interface Summary { errors: number; warnings: number; infos: number; texts_unread?: number; kubernetes_unread?: number; archives_unread?: number; nothing_checked?: boolean; }
export type LinkPosition = "leaf" | "self-signed" | "intermediate" | "root";
export type CheckResult = "pass" | "fail" | "unknown";
export type Trust = "trusted" | "public-root" | "system-store" | "to-be-given" | "refused";
/** One check of a certificate in a chain: "signature" (by the next one up), "dates", "ca" or "names". */
export interface LinkCheck { check: string; result: CheckResult; detail: string; }
export interface ChainLink { file: string; block: number; subject: string; sha256: string; position: LinkPosition; checks: LinkCheck[]; }
export interface ChainAnchor { subject: string; name: string; file: string | null; given: boolean; }
export interface ChainClient { channel: ChannelId; name: string | null; names: LinkCheck; trust: Trust; status: ChannelStatus; detail: string; }
/** A served certificate file as a chain, leaf first, the anchor last when it is among the inputs. */
export interface ChainSummary { file: string; role: string; links: ChainLink[]; anchor: ChainAnchor; clients: ChainClient[]; }
export interface Report { schema: number; tool: string; now: string | null; hostname: string | null; summary: Summary; channels: ChannelSummary[]; findings: Finding[]; inputs: InputSummary[]; certificates: CertificateSummary[]; chains: ChainSummary[]; plan: Step[]; not_checked: string[]; symptoms: Symptom[]; kubernetes?: KubernetesPath; }
/** On Kubernetes: the way in to Workbench's pods and back (each part null when the inputs do not show it). */
export interface KubernetesPath { entry: string | null; host: string | null; tls: string | null; service: string | null; replicas: number | null; callback: string | null; }
/* metadata() names what the report's ids stand for, for people, and the numbers a page judges by. */
export interface Named { id: string; label: string; }
export interface RoleName { id: Role; label: string; assignable: boolean; }
/** config: a config file (its lines may be shown, its fixes applied). */
export interface KindName { id: string; label: string; config: boolean; }
/** noun: what a count of findings of this severity is called ("3 notes"). */
export interface SeverityName { id: Severity; label: string; noun: string; }
export interface ChannelName { id: ChannelId; label: string; about: string; settings: string[]; needs: string[]; }
/** expires_soon_days: the threshold of cert-expires-soon; max_input_bytes: inputs over it are not parsed. */
export interface Limits { expires_soon_days: number; max_input_bytes: number; }
/** channels and severities in report order (a, b, c, "-"; most severe first); positions, checks, trusts, fix_safeties and printers name the ids of ChainLink.position, LinkCheck.check, ChainClient.trust, Fix.safety and Symptom.printed_by. */
export interface Metadata { channels: ChannelName[]; statuses: Named[]; roles: RoleName[]; kinds: KindName[]; severities: SeverityName[]; positions: Named[]; checks: Named[]; trusts: Named[]; fix_safeties: Named[]; printers: Named[]; limits: Limits; }
