import type { AppContext } from "../context.js";
import type { MailAttachment } from "./payload.js";

/** Builds an attachment's content at send time from committed data (e.g. a notice's PDF). */
export type AttachmentSource = (ctx: AppContext, id: string) => Promise<Buffer>;

const sources = new Map<string, AttachmentSource>();

/** Registers how to build attachments of `kind`; modules register theirs when loaded. */
export function registerAttachmentSource(kind: string, build: AttachmentSource) {
  sources.set(kind, build);
}

/** Resolves stored attachment metadata into nodemailer attachments. */
export async function resolveAttachments(ctx: AppContext, list: MailAttachment[]) {
  return Promise.all(
    list.map(async (a) => {
      let content: Buffer;
      if (a.contentBase64 !== undefined) content = Buffer.from(a.contentBase64, "base64");
      else {
        const build = sources.get(a.source!.kind);
        if (!build) throw new Error(`no attachment source "${a.source!.kind}" is registered`);
        content = await build(ctx, a.source!.id);
      }
      return { filename: a.filename, contentType: a.contentType, content };
    }),
  );
}
