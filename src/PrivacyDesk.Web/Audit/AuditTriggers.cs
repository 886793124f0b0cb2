namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on audit events (and deleting the chain head), applied by the
/// <c>AuditHashChain</c> migration of each provider. The app never needs either: retention purges documents and
/// letters, never events. The hash chain still detects changes made by someone who drops the triggers first.
/// Migrations reference these texts: change them only together with a new migration.
/// </summary>
public static class AuditTriggers
{
    public const string SqliteUp = """
        CREATE TRIGGER "AuditEvents_AppendOnly_Update" BEFORE UPDATE ON "AuditEvents"
        BEGIN SELECT RAISE(ABORT, 'AuditEvents are append-only'); END;
        CREATE TRIGGER "AuditEvents_AppendOnly_Delete" BEFORE DELETE ON "AuditEvents"
        BEGIN SELECT RAISE(ABORT, 'AuditEvents are append-only'); END;
        CREATE TRIGGER "AuditChainHead_NoDelete" BEFORE DELETE ON "AuditChainHead"
        BEGIN SELECT RAISE(ABORT, 'The audit chain head cannot be deleted'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "AuditEvents_AppendOnly_Update";
        DROP TRIGGER IF EXISTS "AuditEvents_AppendOnly_Delete";
        DROP TRIGGER IF EXISTS "AuditChainHead_NoDelete";
        """;

    public const string PostgresUp = """
        CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'AuditEvents are append-only (% on %)', TG_OP, TG_TABLE_NAME;
        END
        $$;
        CREATE TRIGGER "AuditEvents_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEvents"
            FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER "AuditEvents_NoTruncate" BEFORE TRUNCATE ON "AuditEvents"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER "AuditChainHead_NoDelete" BEFORE DELETE ON "AuditChainHead"
            FOR EACH ROW EXECUTE FUNCTION audit_append_only();
        CREATE TRIGGER "AuditChainHead_NoTruncate" BEFORE TRUNCATE ON "AuditChainHead"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
        """;

    public const string PostgresDown = """
        DROP TRIGGER IF EXISTS "AuditEvents_AppendOnly" ON "AuditEvents";
        DROP TRIGGER IF EXISTS "AuditEvents_NoTruncate" ON "AuditEvents";
        DROP TRIGGER IF EXISTS "AuditChainHead_NoDelete" ON "AuditChainHead";
        DROP TRIGGER IF EXISTS "AuditChainHead_NoTruncate" ON "AuditChainHead";
        DROP FUNCTION IF EXISTS audit_append_only();
        """;

    // SQL Server: CREATE TRIGGER must be alone in its batch, so each is its own statement.
    public const string SqlServerEventsUp = """
        CREATE TRIGGER [AuditEvents_AppendOnly] ON [AuditEvents] INSTEAD OF UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            THROW 51000, N'AuditEvents are append-only', 1;
        END
        """;

    public const string SqlServerHeadUp = """
        CREATE TRIGGER [AuditChainHead_NoDelete] ON [AuditChainHead] INSTEAD OF DELETE AS
        BEGIN
            SET NOCOUNT ON;
            THROW 51000, N'The audit chain head cannot be deleted', 1;
        END
        """;

    public const string SqlServerDown = """
        DROP TRIGGER IF EXISTS [AuditEvents_AppendOnly];
        DROP TRIGGER IF EXISTS [AuditChainHead_NoDelete];
        """;
}
