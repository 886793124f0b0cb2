using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.Queue;

/// <summary>
/// The staff queue: filtered, sorted by the stored deadline (<see cref="PrivacyRequest.DueAt"/>, then Id) and paged by
/// keyset, all in SQL. Requests whose clock is paused (DueAt null: waiting for the member) come after the dated ones,
/// by Id. The page's possible duplicates are found with one more query.
/// </summary>
public sealed class StaffQueueQuery(PrivacyDeskDbContext db, TimeProvider clock, IOptions<StaffQueueOptions> options)
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// "Open" as a query parameter, not a constant: EF turns <c>r.IsOpen == true</c> into the bare column, which SQLite
    /// cannot match to an index column, and then walks the deadline index through every ended request
    /// (docs/benchmarks/queue.md). <c>IsOpen = @open</c> is an index equality on every provider.
    /// </summary>
    private static bool Open => true;

    private static readonly bool[] OpenOrEnded = [true, false];

    public async Task<QueuePage> GetPageAsync(QueueFilter filter, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Clamp(filter.PageSize ?? options.Value.PageSize, 1, MaxPageSize);
        var now = clock.GetUtcNow();
        var after = QueueCursor.Parse(cursor);
        // A reference number names one request: it is found whatever its state (closed, withdrawn, long waiting).
        filter = SearchKind(filter.Search) == ReferenceSearch ? filter with { IncludeEnded = true, IncludeStale = true } : filter;
        var staleBefore = filter.IncludeStale
            ? (DateTimeOffset?)null
            : (now - TimeSpan.FromDays(filter.StaleAfterDays ?? options.Value.StaleAfterDays)).ToUniversalTime();
        var statuses = Statuses(filter);
        var filtered = Filter(filter, statuses, now);
        var search = Search(filter.Search);

        // A name is looked up exactly first; only when nothing on the queue matches exactly, by prefix. The cursor
        // remembers which, so that the next pages continue the same list.
        var byPrefix = after?.ByPrefix == true && search.Prefix is not null;
        // An exact match on the open requests is an equality range of a name index, already in queue order (with ended
        // requests or by status it is several ranges; a prefix is a range sorted afterwards).
        var inIndexOrder = !byPrefix && search.Exact.Count > 0 && statuses is null && !filter.IncludeEnded;
        var found = await ReadAsync(Sources(filtered, statuses, byPrefix ? [search.Prefix!] : search.Exact), after, pageSize, staleBefore, inIndexOrder, cancellationToken);
        if (found.Count == 0 && after is null && search.Prefix is not null)
        {
            byPrefix = true;
            found = await ReadAsync(Sources(filtered, statuses, [search.Prefix]), after, pageSize, staleBefore, false, cancellationToken);
        }

        var page = found.Take(pageSize).ToList();
        var next = found.Count > pageSize ? new QueueCursor(page[^1].DueAt, page[^1].Id, byPrefix).Format() : null;
        var duplicates = await FindPossibleDuplicatesAsync(page, cancellationToken);
        var today = JapaneseText.JstDate(now);
        var rows = page.Select(p => ToRow(p, today, duplicates.Contains(p.Id))).ToList();
        return new QueuePage(rows, next);
    }

    /// <summary>
    /// Up to <paramref name="pageSize"/> + 1 rows after the cursor: dated requests by (DueAt, Id), then paused ones by Id.
    /// <paramref name="inIndexOrder"/>: one source that is an equality range of an index already in queue order (an exact
    /// name on the open requests), whose rows are read straight from that range; otherwise the ids come first.
    /// </summary>
    private async Task<List<Projection>> ReadAsync(
        List<IQueryable<PrivacyRequest>> sources,
        QueueCursor? after,
        int pageSize,
        DateTimeOffset? staleBefore,
        bool inIndexOrder,
        CancellationToken cancellationToken)
    {
        // An exact name is one ordered range per name key: its rows are read in that order and the read stops after the
        // page, with no lookup of each id in the primary key (at 1,000,000 requests a page of 50 namesakes, where 1,000
        // give one row: docs/benchmarks/queue.md, sessions 8 and 10). On SQLite those ranges are covering indexes that
        // hold the row's columns (PrivacyRequestConfiguration.CoverQueueIndexes), so the table is not read at all. A
        // name typed without a space is two such ranges (family name, whole name): each is read up to the page and the
        // database merges them. Other several sources (statuses, ended requests) take the ids first.
        var direct = inIndexOrder;
        var found = new List<Projection>(pageSize + 1);
        if (after is null || after.DueAt is not null)
        {
            // Dated requests first, in (DueAt, Id) order.
            var dated = sources.Select(source =>
            {
                var rows = source.Where(r => r.DueAt != null);
                if (after?.DueAt is { } afterDue)
                {
                    var afterId = after.Id;
                    rows = rows.Where(r => r.DueAt > afterDue || (r.DueAt == afterDue && r.Id.CompareTo(afterId) > 0));
                }

                return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id);
            }).ToList();

            // Ids first, then their rows: the ids come from the filter's index alone (it holds DueAt and Id), so however
            // many rows match, only the page's rows are read. A dated request is never paused, so the stale rule is moot.
            var ids = dated.Select(d => d.Select(r => r.Id).Take(pageSize + 1)).Aggregate(Queryable.Concat);
            var page = direct
                ? Merged(dated, pageSize, rows => rows.OrderBy(p => p.DueAt).ThenBy(p => p.Id))
                : Project(db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.DueAt).ThenBy(r => r.Id)).Take(pageSize + 1);
            found.AddRange(Distinct(await page.ToListAsync(cancellationToken), pageSize));
        }

        if (found.Count <= pageSize)
        {
            // Then the paused ones, in Id order.
            var take = pageSize + 1 - found.Count;
            var waiting = sources.Select(source =>
            {
                var paused = source.Where(r => r.DueAt == null);
                if (staleBefore is { } before)
                {
                    // Waiting for the member longer than the limit: in practice abandoned.
                    paused = paused.Where(r => r.ClockPausedSince >= before);
                }

                if (after is { DueAt: null })
                {
                    var afterId = after.Id;
                    paused = paused.Where(r => r.Id.CompareTo(afterId) > 0);
                }

                return paused.OrderBy(r => r.Id);
            }).ToList();

            // The limit is the page size, not what is left of the page: a Take count is a constant in EF's compiled
            // query, so "what is left" (0 … 51) compiled a query per value, ~8 ms each time a new one came up (the slow
            // first search of each name in docs/benchmarks/queue.md). At most one page more is read; the rest is cut here.
            var ids = waiting.Select(w => w.Select(r => r.Id).Take(pageSize + 1)).Aggregate(Queryable.Concat);
            var page = direct
                ? Merged(waiting, pageSize, rows => rows.OrderBy(p => p.Id))
                : Project(db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id)).Take(pageSize + 1);
            var paused = Distinct(await page.ToListAsync(cancellationToken), pageSize);
            found.AddRange(paused.Take(take));
        }

        return found;
    }

    /// <summary>
    /// The rows of ordered sources, up to a page and one each, in queue order: one source as it is; several as one
    /// statement (UNION ALL) sorted by the database, whose order the cursor's comparison follows (providers order ids
    /// differently). A request found by two sources (a name without a space is its own family name) comes twice.
    /// </summary>
    private IQueryable<Projection> Merged(
        List<IOrderedQueryable<PrivacyRequest>> sources, int pageSize, Func<IQueryable<Projection>, IQueryable<Projection>> order) =>
        sources.Count == 1
            ? Project(sources[0]).Take(pageSize + 1)
            : order(sources.Select(source => Project(source).Take(pageSize + 1)).Aggregate(Queryable.Concat));

    /// <summary>Each request once (the first of two equal ones, which are next to each other), up to a page and one.</summary>
    private static List<Projection> Distinct(List<Projection> rows, int pageSize) =>
        rows.DistinctBy(p => p.Id).Take(pageSize + 1).ToList();

    /// <summary>Counts stop here: "1,000件以上" says enough, and counting a million closed requests would cost seconds.</summary>
    public const int HiddenCountCap = 1000;

    /// <summary>
    /// How many requests the default view hides that match the rest of <paramref name="filter"/> (family, channel,
    /// assignee, and an exact name search): ended ones (withdrawn, rejected, closed) and open ones waiting for the member
    /// longer than the stale limit. Each count stops at <see cref="HiddenCountCap"/>. Null when that kind is not hidden
    /// (already included, or a status or overdue filter decides instead).
    /// </summary>
    public async Task<QueueHidden> CountHiddenAsync(QueueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Statuses is { Count: > 0 } || filter.OverdueOnly || SearchKind(filter.Search) == ReferenceSearch)
        {
            return new QueueHidden(null, null);
        }

        var now = clock.GetUtcNow();
        var all = Filter(filter with { IncludeEnded = true, Search = null }, null, now);
        var search = Search(filter.Search);
        int? ended = null;
        if (!filter.IncludeEnded)
        {
            var closed = Matching(all.Where(r => r.IsOpen == !Open), search);
            ended = await closed.Take(HiddenCountCap).CountAsync(cancellationToken);
        }

        int? stale = null;
        if (!filter.IncludeStale)
        {
            var before = (now - TimeSpan.FromDays(filter.StaleAfterDays ?? options.Value.StaleAfterDays)).ToUniversalTime();
            var waiting = Matching(all.Where(r => r.IsOpen == Open && r.DueAt == null && r.ClockPausedSince < before), search);
            stale = await waiting.Take(HiddenCountCap).CountAsync(cancellationToken);
        }

        return new QueueHidden(ended, stale);
    }

    /// <summary>The ids of <paramref name="source"/> that match the search exactly (all of them when there is no search).</summary>
    private static IQueryable<Guid> Matching(IQueryable<PrivacyRequest> source, SearchTerms search) =>
        search.Exact.Count == 0
            ? source.Select(r => r.Id)
            : search.Exact.Select(match => source.Where(match).Select(r => r.Id)).Aggregate(Queryable.Union);

    /// <summary>
    /// The statuses to read one by one (see <see cref="Sources"/>): those asked for, or for "overdue" every status in
    /// which the clock can run late, so that each is an ordered range of (Status, DueAt, Id) below today rather than a
    /// walk of every open request's deadline filtered by status.
    /// </summary>
    private static IReadOnlyList<RequestStatus>? Statuses(QueueFilter filter) =>
        filter.Statuses is { Count: > 0 } asked ? asked.Distinct().Order().ToList()
        : filter.OverdueOnly ? OverdueStatuses
        : null;

    private static readonly IReadOnlyList<RequestStatus> OverdueStatuses =
        Enum.GetValues<RequestStatus>().Where(status => !RequestStatusMachine.HasAnswered(status)).Order().ToList();

    /// <summary>
    /// One query per status and per way of matching the search, each an ordered range of one index, merged by the
    /// database (UNION ALL, then the page's ids sorted once): a status list as <c>IN</c> / <c>= ANY</c>, or an <c>OR</c>
    /// of two name keys, cannot come out of one index in deadline order, and PostgreSQL then prefers walking the whole
    /// deadline index (all statuses) and filtering, which at a million rows takes seconds. A request found by two
    /// sources (a name whose family key is the whole key) is read once: the page is read by <c>Id IN (…)</c>.
    /// </summary>
    private static List<IQueryable<PrivacyRequest>> Sources(
        IQueryable<PrivacyRequest> filtered,
        IReadOnlyList<RequestStatus>? statuses,
        IReadOnlyList<Expression<Func<PrivacyRequest, bool>>> matches)
    {
        var byStatus = statuses is null
            ? [filtered]
            : statuses.Select(status => filtered.Where(r => r.Status == status)).ToList();
        return matches.Count == 0
            ? byStatus
            : byStatus.SelectMany(source => matches.Select(match => source.Where(match))).ToList();
    }

    private IQueryable<PrivacyRequest> Filter(QueueFilter filter, IReadOnlyList<RequestStatus>? statuses, DateTimeOffset now)
    {
        var query = db.Requests.AsNoTracking();

        // Statuses are applied per source (see Sources); otherwise ended requests are hidden unless asked for. (The
        // overdue statuses are all open ones; repeating IsOpen would only tempt the planner to the IsOpen index.)
        if (statuses is null && !filter.IncludeEnded)
        {
            query = query.Where(r => r.IsOpen == Open);
        }

        if (filter.Family is { } family)
        {
            query = query.Where(r => r.Family == family);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }

        if (!string.IsNullOrWhiteSpace(filter.AssignedTo))
        {
            var assignee = filter.AssignedTo.Trim();
            query = query.Where(r => r.AssignedTo == assignee);
        }

        if (filter.OverdueOnly)
        {
            // Overdue: the due JST day is before today (JST), i.e. the due instant is before today's JST midnight.
            var startOfToday = StartOfJstDay(now);
            query = query.Where(r => r.DueAt != null && r.DueAt < startOfToday
                && r.Status != RequestStatus.Closed && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Rejected);
        }

        if (filter.AwaitingApprovalOnly)
        {
            // 承認待ち: decided, not yet approved (ADR 0016). Read as the Decided range of the status index.
            query = query.Where(r => r.Status == RequestStatus.Decided && r.Decision != null && r.Decision.ApprovedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search) && (statuses is not null || filter.IncludeEnded))
        {
            // The name indexes lead with IsOpen; naming both values lets the database use them for ended requests too.
            query = query.Where(r => OpenOrEnded.Contains(r.IsOpen));
        }

        return query;
    }

    /// <summary>
    /// The ways the search text matches, one source each (see <see cref="Sources"/>). A reference number is looked up
    /// exactly. A name in kanji or kana is matched on the request's own copies of the principal's keys: first exactly,
    /// as the family name alone or as the whole name without spaces (佐藤, 佐藤 陽子, さとうようこ; typed with a space,
    /// only as the whole name), each an equality range of an index that is already in deadline order; only when no
    /// visible request matches exactly, as a prefix of the whole name (佐, 佐藤 陽), which is a range of the name index
    /// sorted afterwards. A match in the middle of a name could not use an index at all (docs/benchmarks/queue.md,
    /// ADR 0011).
    /// </summary>
    private SearchTerms Search(string? text)
    {
        var kind = SearchKind(text);
        if (kind is null)
        {
            return new SearchTerms([], null);
        }

        if (kind == ReferenceSearch)
        {
            var reference = ReferenceNumber.Normalize(text)!;
            return new SearchTerms([r => r.ReferenceNumber == reference], null);
        }

        var upperBound = db.Database.IsSqlite();
        if (kind == KanaSearch)
        {
            var kana = JapaneseText.SearchKey(text!);
            var upper = kana + MaxCharacter;
            return new SearchTerms(
                HasSpace(JapaneseText.NormalizeKana(text!))
                    ? [r => r.PrincipalKanaKey == kana]
                    : [r => r.PrincipalFamilyKanaKey == kana, r => r.PrincipalKanaKey == kana],
                upperBound
                    ? r => string.Compare(r.PrincipalKanaKey, kana) >= 0 && string.Compare(r.PrincipalKanaKey, upper) < 0
                    : r => r.PrincipalKanaKey.StartsWith(kana));
        }

        var name = JapaneseText.NameKey(text!);
        var nameUpper = name + MaxCharacter;
        return new SearchTerms(
            HasSpace(JapaneseText.NormalizeName(text!))
                ? [r => r.PrincipalNameKey == name]
                : [r => r.PrincipalFamilyNameKey == name, r => r.PrincipalNameKey == name],
            upperBound
                ? r => string.Compare(r.PrincipalNameKey, name) >= 0 && string.Compare(r.PrincipalNameKey, nameUpper) < 0
                : r => r.PrincipalNameKey.StartsWith(name));
    }

    /// <param name="Exact">Conditions tried first, one source each (none: no search).</param>
    /// <param name="Prefix">The condition used when nothing matches exactly; null for a reference number or no search.</param>
    private sealed record SearchTerms(IReadOnlyList<Expression<Func<PrivacyRequest, bool>>> Exact, Expression<Func<PrivacyRequest, bool>>? Prefix);

    /// <summary>
    /// What kind of search the text is ("reference", "kana" or "name"; null for none): how <see cref="Search"/> reads it,
    /// and what the audit trail records of a search (never the name typed).
    /// </summary>
    public static string? SearchKind(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : ReferenceNumber.Normalize(text) is not null ? ReferenceSearch
        : JapaneseText.IsKatakana(JapaneseText.NormalizeKana(text)) ? KanaSearch
        : NameSearch;

    private const string ReferenceSearch = "reference";
    private const string KanaSearch = "kana";
    private const string NameSearch = "name";

    /// <summary>Typed with a space, the text is a family name and (the start of) a given name, never a family name alone.</summary>
    private static bool HasSpace(string normalized) => normalized.Contains(' ', StringComparison.Ordinal);

    /// <summary>
    /// SQLite's LIKE cannot use an index on a case-sensitive (binary) column; a range on the same prefix can. In binary
    /// UTF-8 order every key that starts with the prefix lies between it and the prefix followed by U+10FFFF, the
    /// highest code point (U+FFFF would miss names with characters outside the BMP, such as 𠮷).
    /// </summary>
    private static readonly string MaxCharacter = char.ConvertFromUtf32(0x10FFFF);

    /// <summary>
    /// A page's rows from the <c>Requests</c> rows alone: the principal's name is the request's own copy
    /// (<see cref="PrivacyRequest.PrincipalName"/>), and the decision is looked at only for a decided request (a
    /// <c>CASE</c>, which the database evaluates lazily). Joining every row to its person and its decision cost
    /// more than the rest of a page of 50 namesakes at 1,000,000 requests, where the same search at 1,000 returns one
    /// row (docs/benchmarks/queue.md, session 8).
    /// </summary>
    private IQueryable<Projection> Project(IQueryable<PrivacyRequest> query) => query.Select(r => new Projection
    {
        Id = r.Id,
        ReferenceNumber = r.ReferenceNumber,
        Family = r.Family,
        Kinds = r.Kinds,
        Status = r.Status,
        Channel = r.Channel,
        ReceivedAt = r.ReceivedAt,
        DueAt = r.DueAt,
        AssignedTo = r.AssignedTo,
        PrincipalName = r.PrincipalName,
        PrincipalDuplicateKey = r.PrincipalDuplicateKey,
        AwaitingApproval = r.Status == RequestStatus.Decided
            ? !db.Decisions.Any(d => EF.Property<Guid>(d, "RequestId") == r.Id && d.ApprovedAt != null)
            : false,
        Resubmitted = r.ResubmittedAt != null,
    });

    /// <summary>
    /// One query for the whole page: the open requests whose principal has the same kana and birth date as a row's
    /// (<see cref="PrivacyRequest.PrincipalDuplicateKey"/>); kinds are compared here. Only keys held by more than one
    /// open request are read as rows: which keys those are is counted in the (IsOpen, key) index alone, one probe per
    /// person, so a page whose people have one open request each reads no row at all. (Reading every probed request's
    /// row for its kinds cost 0.39 ms a page of 50 namesakes at 1,000,000 requests against 0.01 ms for one row at 1,000;
    /// counted first, 0.05 ms: docs/benchmarks/queue.md, session 8. Before that, asking People by (kana, birth) pairs
    /// and then their requests took two queries and an OR of 50 pairs, which cost more than the page itself.)
    /// </summary>
    private async Task<HashSet<Guid>> FindPossibleDuplicatesAsync(List<Projection> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }

        var keys = PadToPowerOfTwo(page.Select(p => p.PrincipalDuplicateKey).Distinct().ToList());
        var shared = db.Requests
            .Where(r => r.IsOpen == Open && keys.Contains(r.PrincipalDuplicateKey))
            .GroupBy(r => r.PrincipalDuplicateKey)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        var candidates = (await db.Requests.AsNoTracking()
                .Where(r => r.IsOpen == Open && shared.Contains(r.PrincipalDuplicateKey))
                .Select(r => new { r.Id, r.PrincipalDuplicateKey, r.Kinds })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.PrincipalDuplicateKey);

        return page
            .Where(p => candidates[p.PrincipalDuplicateKey].Any(c => c.Id != p.Id && c.Kinds.Intersect(p.Kinds).Any()))
            .Select(p => p.Id)
            .ToHashSet();
    }

    /// <summary>
    /// Repeats the last key up to the next power of two. EF writes one SQL parameter per list item, so each distinct
    /// count is a statement of its own to generate and cache; a page of 38 namesakes, then 41, … each paid that once
    /// (the slow tail of name searches in docs/benchmarks/queue.md). Padded, at most ten shapes exist (1 … 512).
    /// </summary>
    private static List<string> PadToPowerOfTwo(List<string> keys)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)keys.Count);
        while (keys.Count < size)
        {
            keys.Add(keys[^1]);
        }

        return keys;
    }

    private static QueueRow ToRow(Projection p, DateOnly today, bool possibleDuplicate)
    {
        var answered = RequestStatusMachine.HasAnswered(p.Status);
        DateOnly? dueDate = p.DueAt is { } dueAt ? JapaneseText.JstDate(dueAt) : null;
        int? daysLeft = dueDate is { } due && !answered ? due.DayNumber - today.DayNumber : null;
        return new QueueRow(p.Id, p.ReferenceNumber, p.Family, p.Kinds, p.Status, p.Channel, p.ReceivedAt, dueDate, daysLeft,
            daysLeft < 0, MaskName(p.PrincipalName), p.AssignedTo, possibleDuplicate, p.PrincipalName)
        {
            AwaitingApproval = p.AwaitingApproval,
            Resubmitted = p.Resubmitted,
        };
    }

    /// <summary>「山田 花子」 → 「山田 *」: lists show the family name only.</summary>
    public static string MaskName(string fullName)
    {
        var name = fullName.Trim();
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        var family = space > 0 ? name[..space] : name.Length > 0 ? name[..1] : string.Empty;
        return family + " *";
    }

    private static DateTimeOffset StartOfJstDay(DateTimeOffset instant) => JapaneseText.JstDayStart(JapaneseText.JstDate(instant));

    private sealed class Projection
    {
        public Guid Id { get; init; }
        public string ReferenceNumber { get; init; } = string.Empty;
        public RequestFamily Family { get; init; }
        public List<RequestKind> Kinds { get; init; } = [];
        public RequestStatus Status { get; init; }
        public Channel Channel { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset? DueAt { get; init; }
        public string? AssignedTo { get; init; }
        public string PrincipalName { get; init; } = string.Empty;
        /// <summary>Decided, and the decision not approved (or, which cannot happen, no decision at all).</summary>
        public bool AwaitingApproval { get; init; }
        public bool Resubmitted { get; init; }
        public string PrincipalDuplicateKey { get; init; } = string.Empty;
    }
}

/// <summary>
/// The opaque position of the last row of a page: its DueAt (UTC ticks, or none when paused) and Id, and whether a
/// name search fell back to matching by prefix, base64.
/// </summary>
internal sealed record QueueCursor(DateTimeOffset? DueAt, Guid Id, bool ByPrefix = false)
{
    private const string PrefixMark = "p";

    public string Format()
    {
        var ticks = DueAt is { } due ? due.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-";
        var text = ByPrefix ? $"{ticks}:{Id:N}:{PrefixMark}" : $"{ticks}:{Id:N}";
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A malformed cursor starts from the first page rather than failing.</summary>
    public static QueueCursor? Parse(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return null;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length is not (2 or 3) || !Guid.TryParseExact(parts[1], "N", out var id)
                || (parts.Length == 3 && parts[2] != PrefixMark))
            {
                return null;
            }

            var byPrefix = parts.Length == 3;
            if (parts[0] == "-")
            {
                return new QueueCursor(null, id, byPrefix);
            }

            return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new QueueCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id, byPrefix)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
