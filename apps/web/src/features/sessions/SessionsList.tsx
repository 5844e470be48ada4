/**
 * Sessions to end: one at a time from the table, or a whole group at once after a confirmation.
 * Your own sessions (account page) and someone else's (users page) differ only in the words, the
 * procedures and the frame around the list, which the caller gives.
 */
import { Button, Group, type MantineSpacing } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type UseQueryResult, useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmModal } from "../../components/ConfirmModal";
import { QueryContent } from "../../components/QueryContent";
import type { MutationOptionsOf } from "../../lib/mutationOptions";
import { type SessionRow, SessionsTable } from "./SessionsTable";

interface BulkRevoke<Input, ProcedureError> {
  options: MutationOptionsOf<Input, { revoked: number }, ProcedureError>;
  input: Input;
  /** How many sessions it would end; the button is disabled at none. */
  count: number;
  /** The button's words, and the confirmation's title and button. */
  label: string;
  confirmBody: string;
  /** What to say once the server has ended `revoked` sessions. */
  doneMessage: (revoked: number) => string;
}

interface SessionsListProps<RevokeInput extends { sessionId: string }, RevokeOutput, BulkInput, ProcedureError> {
  /** Left of the bulk button: the section's title, or whose sessions these are. */
  heading: ReactNode;
  /** Room under the heading row, where the frame around does not space its children itself. */
  headingSpacing?: MantineSpacing;
  sessions: UseQueryResult<SessionRow[], unknown>;
  /** Whether "current" means this browser (your own sessions) or nothing (someone else's). */
  markCurrent: boolean;
  revoke: MutationOptionsOf<RevokeInput, RevokeOutput, ProcedureError>;
  revokeInput: (session: SessionRow) => RevokeInput;
  bulk: BulkRevoke<BulkInput, ProcedureError>;
  /** Reload what the ended sessions change. */
  invalidate: () => Promise<unknown>;
}

export function SessionsList<RevokeInput extends { sessionId: string }, RevokeOutput, BulkInput, ProcedureError>(
  props: SessionsListProps<RevokeInput, RevokeOutput, BulkInput, ProcedureError>,
) {
  const { heading, headingSpacing, sessions, markCurrent, revokeInput, bulk, invalidate } = props;
  const { t } = useTranslation();
  const [confirmingBulk, setConfirmingBulk] = useState(false);

  const revoke = useMutation(
    props.revoke({
      onSuccess: async () => {
        notifications.show({ color: "teal", message: t("sessions.revoked") });
        await invalidate();
      },
    }),
  );
  const revokeBulk = useMutation(
    bulk.options({
      onSuccess: async ({ revoked }) => {
        setConfirmingBulk(false);
        notifications.show({ color: "teal", message: bulk.doneMessage(revoked) });
        await invalidate();
      },
    }),
  );

  return (
    <>
      <Group justify="space-between" mb={headingSpacing}>
        {heading}
        <Button variant="light" color="red" size="sm" onClick={() => setConfirmingBulk(true)} disabled={bulk.count === 0}>
          {bulk.label}
        </Button>
      </Group>
      <QueryContent query={sessions} loaderPadding="md">
        {(rows) => (
          <SessionsTable
            sessions={rows}
            markCurrent={markCurrent}
            onRevoke={(session) => revoke.mutate(revokeInput(session))}
            revokingId={revoke.isPending ? revoke.variables?.sessionId : null}
          />
        )}
      </QueryContent>
      <ConfirmModal
        opened={confirmingBulk}
        title={bulk.label}
        confirmLabel={bulk.label}
        onConfirm={() => revokeBulk.mutate(bulk.input)}
        onClose={() => setConfirmingBulk(false)}
        loading={revokeBulk.isPending}
        danger
      >
        {bulk.confirmBody}
      </ConfirmModal>
    </>
  );
}
