/**
 * Inviting someone takes two dialogs, one after the other: the invite form, then the new
 * invitation's link, shown once. A page opens the first with `start` and hands each dialog its props.
 */
import { useState } from "react";
import type { CreatedInvitation } from "./InvitationLinkModal";
import type { InviteDialogProps } from "./InviteModal";

export function useInvitationDialogs() {
  const [inviting, setInviting] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const inviteModal: InviteDialogProps = {
    opened: inviting,
    onClose: () => setInviting(false),
    onInvited: (invitation) => {
      setInviting(false);
      setCreated(invitation);
    },
  };
  return {
    start: () => setInviting(true),
    inviteModal,
    linkModal: { invitation: created, onClose: () => setCreated(null) },
  };
}
