"use client";
import { useState } from "react";
import type { Share } from "@/lib/contract";
import { sharesApi } from "@/lib/client/api";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorText, formatDate, shortPrompt } from "@/lib/client/format";

/**
 * Asks before a share link is revoked, naming the board or picture
 * it shows and who made it: revoking cannot be undone, and everyone who was
 * sent the link loses it. Esc or Keep it leaves the link as it was.
 */
export function RevokeLinkDialog(props: {
  t: Dictionary;
  locale: Locale;
  share: Share;
  onRevoked(share: Share): void;
  onCancel(): void;
  /** Where focus goes when it closes: the Revoke button that opened it is gone once the link is. */
  returnFocus?: () => HTMLElement | null | false;
}) {
  const S = props.t.boards.share;
  const { share } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = shortPrompt(share.title, 80);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await sharesApi.revoke(share.id);
      props.onRevoked(share);
    } catch (e) {
      setError(errorText(e, props.t));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      title={format(share.kind === "board" ? S.revokeTitleBoard : S.revokeTitlePicture, { title })}
      body={format(S.revokeBody, { name: share.createdBy, date: formatDate(share.createdAt, props.locale) })}
      confirmLabel={S.revokeConfirm}
      cancelLabel={S.revokeCancel}
      busyLabel={S.revoking}
      busy={busy}
      error={error}
      onConfirm={() => void revoke()}
      onCancel={props.onCancel}
      returnFocus={props.returnFocus}
    />
  );
}
