using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Web.Data.Configurations;

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.ToTable("Requests");
        builder.HasKey(r => r.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ReferenceNumber).HasMaxLength(20).IsRequired();
        builder.HasIndex(r => r.ReferenceNumber).IsUnique();
        builder.Property(r => r.AccessTokenHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(r => r.Kinds);
        builder.Property(r => r.StopGrounds);
        builder.Property(r => r.DataDescription).HasMaxLength(4000).IsRequired();
        builder.Property(r => r.CurrentContent).HasMaxLength(4000);
        builder.Property(r => r.CorrectContent).HasMaxLength(4000);
        builder.Property(r => r.StopGroundDetail).HasMaxLength(4000);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne(r => r.Principal).WithMany().HasForeignKey(r => r.PrincipalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Agent).WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(r => r.StatusHistory).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.StatusHistory).HasField("statusHistory").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Documents).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Documents).HasField("documents").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Payments).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Payments).HasField("payments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.IdentityChecks).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.IdentityChecks).HasField("identityChecks").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.ContactCorrections).WithOne().HasForeignKey("RequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.ContactCorrections).HasField("contactCorrections").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne(r => r.Decision).WithOne().HasForeignKey<Decision>("RequestId").OnDelete(DeleteBehavior.Cascade);

        builder.Ignore(r => r.FeePaidYen);
        builder.Ignore(r => r.IsFeeSettled);
        builder.Ignore(r => r.Clock);
        builder.Ignore(r => r.IsAwaitingApproval);
        builder.Ignore(r => r.CurrentDocuments);
        builder.Property(r => r.DeadlineExtensionReason).HasMaxLength(1000);
        // TimeSpan would be SQL Server's time(7), which stops at 24 hours: store the pause total as ticks.
        builder.Property(r => r.PausedTotal).HasConversion<long>();
        builder.Property(r => r.AssignedTo).HasMaxLength(450);
        builder.Property(r => r.PrincipalNameKey).HasMaxLength(100).IsRequired();
        builder.Property(r => r.PrincipalKanaKey).HasMaxLength(100).IsRequired();
        builder.Property(r => r.PrincipalFamilyNameKey).HasMaxLength(100).IsRequired();
        builder.Property(r => r.PrincipalFamilyKanaKey).HasMaxLength(100).IsRequired();
        builder.Property(r => r.PrincipalDuplicateKey).HasMaxLength(120).IsRequired();
        builder.Property(r => r.PrincipalName).HasMaxLength(100).IsRequired();

        // The member's status page looks up by reference number (unique index above).
        builder.HasIndex(r => new { r.Status, r.ReceivedAt });
        builder.HasIndex(r => r.ReceivedAt);

        // The staff queue (Pages/Staff/Queue/StaffQueueQuery) pages by (DueAt, Id): open requests by default, all of them
        // when ended requests are asked for. Paused requests (DueAt null) come after, by Id, through the same indexes.
        // Each filter that can be selective gets an index that ends in (DueAt, Id), so a page costs the same at a thousand
        // requests as at a million (docs/benchmarks/queue.md): the rows come out of the index already in queue order.
        // ClockPausedSince comes last, for the paused part (DueAt null, by Id): the rule that hides requests waiting
        // too long is then checked in the index. Without it every hidden request was read (at a million, half the open
        // requests are paused and most of those stale: 50 row reads for a common full name, ~8 ms when not cached).
        builder.HasIndex(r => new { r.IsOpen, r.DueAt, r.Id, r.ClockPausedSince });
        builder.HasIndex(r => new { r.DueAt, r.Id });
        builder.HasIndex(r => new { r.IsOpen, r.AssignedTo, r.DueAt, r.Id, r.ClockPausedSince });
        builder.HasIndex(r => new { r.Status, r.DueAt, r.Id, r.ClockPausedSince });

        // The family filter (請求の種類) of the default view. Without it SQLite walked the open requests in deadline order
        // and read each row to test its family: at a million requests, where the open corrections are a few among
        // 76,504 open requests, that was 2.3 times the p95 of the same page at a thousand (docs/benchmarks/queue.md).
        builder.HasIndex(r => new { r.IsOpen, r.Family, r.DueAt, r.Id, r.ClockPausedSince });

        // Name search is a prefix match on the request's own copy of the principal's name keys: a range of the index
        // within the open requests, sorted by deadline. PostgreSQL needs text_pattern_ops to use a B-tree for LIKE 'x%'
        // under a non-C collation (the other columns get their default classes); other providers ignore the annotation.
        builder.HasIndex(r => new { r.IsOpen, r.PrincipalNameKey, r.DueAt, r.Id, r.ClockPausedSince })
            .HasOperators("bool_ops", "text_pattern_ops", "timestamptz_ops", "uuid_ops", "timestamptz_ops");
        builder.HasIndex(r => new { r.IsOpen, r.PrincipalKanaKey, r.DueAt, r.Id, r.ClockPausedSince })
            .HasOperators("bool_ops", "text_pattern_ops", "timestamptz_ops", "uuid_ops", "timestamptz_ops");

        // A family name, or a whole name, typed in full is matched exactly: one equality range of one of these indexes (or
        // of the two above) is already in deadline order, so a common name such as 佐藤 costs a page of rows, not a sort
        // of every 佐藤 on the queue. The prefix above is the fallback when nothing matches exactly.
        builder.HasIndex(r => new { r.IsOpen, r.PrincipalFamilyNameKey, r.DueAt, r.Id, r.ClockPausedSince });
        builder.HasIndex(r => new { r.IsOpen, r.PrincipalFamilyKanaKey, r.DueAt, r.Id, r.ClockPausedSince });

        // Possible duplicates of a page: the open requests of the same people, one index probe per person.
        builder.HasIndex(r => new { r.IsOpen, r.PrincipalDuplicateKey });

        // Since ADR 0027 the dashboard reads its counts from DashboardFigures; the full count (DashboardQuery.CountFromRowsAsync,
        // `dashboard --full-count`, recount-dashboard) and the digest still read these.
        // The dashboard (Pages/Staff/Dashboard/DashboardQuery) reads these without touching the wide rows: the status × family
        // counts and the close-time histogram from the first, the overdue and due-soon counts from the second (DueAt
        // leads: SQLite cannot seek on a bare boolean condition such as "IsOpen", but ranges over DueAt).
        builder.HasIndex(r => new { r.Status, r.Family, r.ReceivedAt, r.ClosedAt });
        builder.HasIndex(r => new { r.DueAt, r.IsOpen, r.Status });
    }

    /// <summary>
    /// SQLite only (<see cref="Providers.SqliteDbContext"/>): the four name indexes above also hold every column a queue
    /// row shows, so that a name search reads its page from one contiguous range of the index and never the table. At
    /// 1,000,000 requests a common name gives a page of 50 namesakes where 1,000 requests give one row, and each of
    /// those rows was a random read of the 5 GB table (two to three B-tree pages outside SQLite's 2 MB page cache): the
    /// page's two statements took 0.38 ms p50 raw, 0.15 ms from covering indexes (docs/benchmarks/queue.md, session 10).
    /// SQLite has no INCLUDE, so the page's columns follow the keys; the order of the keys is unchanged, and so is
    /// every plan. PostgreSQL already meets the queue's goal and SQL Server cannot put the kinds (nvarchar(max)) in an
    /// index key: their indexes stay narrow.
    /// </summary>
    internal static void CoverQueueIndexes(EntityTypeBuilder<PrivacyRequest> builder)
    {
        (string Key, string Name)[] names =
        [
            (nameof(PrivacyRequest.PrincipalNameKey), "IX_Requests_Queue_PrincipalNameKey"),
            (nameof(PrivacyRequest.PrincipalKanaKey), "IX_Requests_Queue_PrincipalKanaKey"),
            (nameof(PrivacyRequest.PrincipalFamilyNameKey), "IX_Requests_Queue_PrincipalFamilyNameKey"),
            (nameof(PrivacyRequest.PrincipalFamilyKanaKey), "IX_Requests_Queue_PrincipalFamilyKanaKey"),
        ];
        foreach (var (key, name) in names)
        {
            string[] keys = [nameof(PrivacyRequest.IsOpen), key, nameof(PrivacyRequest.DueAt), nameof(PrivacyRequest.Id), nameof(PrivacyRequest.ClockPausedSince)];
            var narrow = builder.Metadata.FindIndex(keys.Select(k => builder.Metadata.FindProperty(k)!).ToList())
                ?? throw new InvalidOperationException($"The queue's name index on {key} is missing.");
            builder.Metadata.RemoveIndex(narrow);
            builder.HasIndex([.. keys, .. QueueRowColumns]).HasDatabaseName(name);
        }

        // The possible-duplicate check reads (Id, key, Kinds) of the open requests with the page's keys. Once the name
        // indexes above hold those columns, SQLite (no statistics) preferred walking every open entry of one of them to
        // probing this index by key and reading rows: at 1,000,000 requests 76,504 entries a page. Holding Id and Kinds
        // here keeps the probe covering, and so the cheaper plan.
        string[] duplicateKeys = [nameof(PrivacyRequest.IsOpen), nameof(PrivacyRequest.PrincipalDuplicateKey)];
        builder.Metadata.RemoveIndex(builder.Metadata.FindIndex(duplicateKeys.Select(k => builder.Metadata.FindProperty(k)!).ToList())
            ?? throw new InvalidOperationException("The possible-duplicate index is missing."));
        builder.HasIndex([.. duplicateKeys, nameof(PrivacyRequest.Id), nameof(PrivacyRequest.Kinds)]).HasDatabaseName("IX_Requests_Queue_PrincipalDuplicateKey");
    }

    /// <summary>What StaffQueueQuery reads of a request for a row of the queue (besides the index keys).</summary>
    internal static readonly string[] QueueRowColumns =
    [
        nameof(PrivacyRequest.Status), nameof(PrivacyRequest.ReferenceNumber), nameof(PrivacyRequest.Family), nameof(PrivacyRequest.Kinds),
        nameof(PrivacyRequest.Channel), nameof(PrivacyRequest.ReceivedAt), nameof(PrivacyRequest.AssignedTo), nameof(PrivacyRequest.PrincipalName),
        nameof(PrivacyRequest.PrincipalDuplicateKey), nameof(PrivacyRequest.ResubmittedAt),
    ];
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> builder)
    {
        builder.ToTable("StatusChanges");
        builder.HasKey(c => c.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Actor).HasMaxLength(450).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(4000);
        builder.Property<Guid>("RequestId");
        builder.HasIndex("RequestId", nameof(StatusChange.At));
    }
}

internal sealed class IdentityDocumentConfiguration : IEntityTypeConfiguration<IdentityDocument>
{
    public void Configure(EntityTypeBuilder<IdentityDocument> builder)
    {
        builder.ToTable("Documents");
        builder.HasKey(d => d.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsUnicode(false).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(d => d.StoredFileName).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Ignore(d => d.IsPurged);
        builder.Ignore(d => d.IsSuperseded);
        builder.Ignore(d => d.IsCurrent);
        builder.Property<Guid>("RequestId");
        builder.HasIndex("RequestId");
    }
}

internal sealed class FeePaymentConfiguration : IEntityTypeConfiguration<FeePayment>
{
    public void Configure(EntityTypeBuilder<FeePayment> builder)
    {
        builder.ToTable("FeePayments");
        builder.HasKey(p => p.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PayerName).HasMaxLength(200);
        builder.Property(p => p.RecordedBy).HasMaxLength(450).IsRequired();
        builder.Property<Guid>("RequestId");
        builder.HasIndex("RequestId");

        // The dashboard's fee income by month reads the last 12 months of this index only.
        builder.HasIndex(p => new { p.PaidOn, p.AmountYen });

        // The payments an imported bank credit made (Pages/Staff/Fees).
        builder.HasOne<Domain.Fees.BankFiles.ImportedCredit>().WithMany().HasForeignKey(p => p.CreditId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.CreditId);
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("Decisions");
        builder.HasKey(d => d.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.DecidedBy).HasMaxLength(450).IsRequired();
        builder.Ignore(d => d.GrantedInFull);
        builder.Ignore(d => d.IsApproved);
        builder.Property(d => d.ApprovedBy).HasMaxLength(450);

        builder.Ignore(d => d.NeedsContentReview);
        builder.HasMany(d => d.Outcomes).WithOne().HasForeignKey("DecisionId").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KindDecisionConfiguration : IEntityTypeConfiguration<KindDecision>
{
    public void Configure(EntityTypeBuilder<KindDecision> builder)
    {
        builder.ToTable("DecisionOutcomes");
        builder.HasKey(o => o.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Grounds);
        builder.Property(o => o.Reason).HasMaxLength(4000);
        builder.Property(o => o.Detail).HasMaxLength(4000);

        // A kind's content can be long (a member's whole record); no practical limit. Migrated by
        // Data/Migrations/ContentPerKindBackfill from the decision's one shared text (ADR 0020).
        builder.Property(o => o.Content);
        builder.Property(o => o.ProvisionRecordIds);
        builder.Property(o => o.ContentNeedsReview);
        builder.HasIndex(o => o.ContentNeedsReview);

        // A flagged records outcome restated by staff (PrivacyRequest.RestateRecordsContent): what it said before, by
        // whom, when, why, and the second person's approval. Kept here, not in the audit row: the old text may be
        // personal data and must go with the request.
        builder.Property(o => o.RestatedFromContent);
        builder.Property(o => o.RestatedFromOutcome);
        builder.Property(o => o.RestatedBy).HasMaxLength(450);
        builder.Property(o => o.RestatementReason).HasMaxLength(4000);
        builder.Property(o => o.RestatementApprovedBy).HasMaxLength(450);
        builder.Ignore(o => o.RestatementAwaitsApproval);
    }
}

internal sealed class IdentityCheckConfiguration : IEntityTypeConfiguration<IdentityCheck>
{
    public void Configure(EntityTypeBuilder<IdentityCheck> builder)
    {
        builder.ToTable("IdentityChecks");
        builder.HasKey(c => c.Id);

        // Ids are made by the domain (Guid v7), so a new child found through a navigation is an insert, not an update.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Confirmed);
        builder.Property(c => c.Failed);
        builder.Property(c => c.Reason).HasMaxLength(4000);
        builder.Property(c => c.CheckedBy).HasMaxLength(450).IsRequired();
        builder.Property<Guid>("RequestId");
        builder.HasIndex("RequestId");
    }
}

internal sealed class RequestNoteConfiguration : IEntityTypeConfiguration<RequestNote>
{
    public void Configure(EntityTypeBuilder<RequestNote> builder)
    {
        builder.ToTable("RequestNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(RequestNote.MaxLength).IsRequired();
        builder.Property(n => n.AuthorId).HasMaxLength(450).IsRequired();

        // Notes are not part of the request aggregate (adding one must not conflict with a colleague's edit), but
        // they go when the request goes.
        builder.HasOne<PrivacyRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.RequestId, n.At });
    }
}
