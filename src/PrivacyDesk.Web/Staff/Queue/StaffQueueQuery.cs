using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Staff.Queue;

/// <summary>
/// The staff queue: filtered, sorted by the stored deadline (<see cref="PrivacyRequest.DueAt"/>, then Id) and paged by
/// keyset, all in SQL. Requests whose clock is paused (DueAt null: waiting for the member) come after the dated ones,
/// by Id. The page's possible duplicates are found with two more queries.
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
        var sources = Sources(filter, Filter(filter, now));

        var found = new List<Projection>(pageSize + 1);
        if (after is null || after.DueAt is not null)
        {
            // Dated requests first, in (DueAt, Id) order.
            var ids = sources.Select(source =>
            {
                var dated = source.Where(r => r.DueAt != null);
                if (after?.DueAt is { } afterDue)
                {
                    var afterId = after.Id;
                    dated = dated.Where(r => r.DueAt > afterDue || (r.DueAt == afterDue && r.Id.CompareTo(afterId) > 0));
                }

                return dated.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Select(r => r.Id).Take(pageSize + 1);
            }).Aggregate(Queryable.Concat);

            // Ids first, then their rows: the ids come from the filter's index alone (it holds DueAt and Id), so however
            // many rows match, only the page's rows are read. A dated request is never paused, so the stale rule is moot.
            found.AddRange(await Project(db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.DueAt).ThenBy(r => r.Id))
                .Take(pageSize + 1).ToListAsync(cancellationToken));
        }

        if (found.Count <= pageSize)
        {
            // Then the paused ones, in Id order.
            var take = pageSize + 1 - found.Count;
            var ids = sources.Select(source =>
            {
                var paused = source.Where(r => r.DueAt == null);
                if (!filter.IncludeStale)
                {
                    // Waiting for the member longer than the limit: in practice abandoned.
                    var staleBefore = (now - TimeSpan.FromDays(filter.StaleAfterDays ?? options.Value.StaleAfterDays)).ToUniversalTime();
                    paused = paused.Where(r => r.ClockPausedSince >= staleBefore);
                }

                if (after is { DueAt: null })
                {
                    var afterId = after.Id;
                    paused = paused.Where(r => r.Id.CompareTo(afterId) > 0);
                }

                return paused.OrderBy(r => r.Id).Select(r => r.Id).Take(take);
            }).Aggregate(Queryable.Concat);

            found.AddRange(await Project(db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id))
                .Take(take).ToListAsync(cancellationToken));
        }

        var page = found.Take(pageSize).ToList();
        var next = found.Count > pageSize ? new QueueCursor(page[^1].DueAt, page[^1].Id).Format() : null;
        var duplicates = await FindPossibleDuplicatesAsync(page, cancellationToken);
        var today = JapaneseText.JstDate(now);
        var rows = page.Select(p => ToRow(p, today, duplicates.Contains(p.Id))).ToList();
        return new QueuePage(rows, next);
    }

    /// <summary>
    /// One query per asked status, each an ordered range of the (Status, DueAt, Id) index, merged by the database: a
    /// status list as <c>IN</c> / <c>= ANY</c> cannot come out of one index in deadline order, and PostgreSQL then
    /// prefers walking the whole deadline index (all statuses) and filtering, which at a million rows takes seconds.
    /// </summary>
    private static List<IQueryable<PrivacyRequest>> Sources(QueueFilter filter, IQueryable<PrivacyRequest> filtered) =>
        filter.Statuses is { Count: > 0 } statuses
            ? statuses.Distinct().Order().Select(status => filtered.Where(r => r.Status == status)).ToList()
            : [filtered];

    private IQueryable<PrivacyRequest> Filter(QueueFilter filter, DateTimeOffset now)
    {
        var query = db.Requests.AsNoTracking();

        // Asked statuses are applied per source (see Sources); otherwise ended requests are hidden unless asked for.
        if (filter.Statuses is not { Count: > 0 } && !filter.IncludeEnded)
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
                && r.Status != RequestStatus.Decided && r.Status != RequestStatus.Closed
                && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Rejected);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query = Search(query, filter.Search);
            if (filter.Statuses is { Count: > 0 } || filter.IncludeEnded)
            {
                // The name indexes lead with IsOpen; naming both values lets the database use them for ended requests too.
                query = query.Where(r => OpenOrEnded.Contains(r.IsOpen));
            }
        }

        return query;
    }

    /// <summary>
    /// A reference number is looked up exactly; a name (kanji) or kana is matched at its start, family name first, on
    /// the request's own copies of the principal's keys (<see cref="PrivacyRequest.PrincipalNameKey"/>,
    /// <see cref="PrivacyRequest.PrincipalKanaKey"/>). A prefix can be served by an index in every provider, in queue
    /// order within the open requests; a match in the middle of a name could not (docs/benchmarks/queue.md).
    /// </summary>
    private IQueryable<PrivacyRequest> Search(IQueryable<PrivacyRequest> query, string text)
    {
        if (ReferenceNumber.Normalize(text) is { } reference)
        {
            return query.Where(r => r.ReferenceNumber == reference);
        }

        if (JapaneseText.IsKatakana(JapaneseText.NormalizeKana(text)))
        {
            var kana = JapaneseText.SearchKey(text);
            if (db.Database.IsSqlite())
            {
                var upper = kana + MaxCharacter;
                return query.Where(r => string.Compare(r.PrincipalKanaKey, kana) >= 0 && string.Compare(r.PrincipalKanaKey, upper) < 0);
            }

            return query.Where(r => r.PrincipalKanaKey.StartsWith(kana));
        }

        var name = JapaneseText.NameKey(text);
        if (db.Database.IsSqlite())
        {
            var upper = name + MaxCharacter;
            return query.Where(r => string.Compare(r.PrincipalNameKey, name) >= 0 && string.Compare(r.PrincipalNameKey, upper) < 0);
        }

        return query.Where(r => r.PrincipalNameKey.StartsWith(name));
    }

    /// <summary>
    /// SQLite's LIKE cannot use an index on a case-sensitive (binary) column; a range on the same prefix can. In binary
    /// UTF-8 order every key that starts with the prefix lies between it and the prefix followed by U+10FFFF, the
    /// highest code point (U+FFFF would miss names with characters outside the BMP, such as 𠮷).
    /// </summary>
    private static readonly string MaxCharacter = char.ConvertFromUtf32(0x10FFFF);

    private static IQueryable<Projection> Project(IQueryable<PrivacyRequest> query) => query.Select(r => new Projection
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
        PrincipalName = r.Principal.FullName,
        PrincipalKana = r.Principal.SearchKana,
        PrincipalBirth = r.Principal.DateOfBirth,
    });

    /// <summary>Two queries for the whole page: people with the same kana and birth date, then their open requests; kinds compared here.</summary>
    private async Task<HashSet<Guid>> FindPossibleDuplicatesAsync(List<Projection> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }

        // People first, by the (kana, birth date) index, one exact pair per row of the page: a handful of index probes
        // however large the store. (Asked together with the requests, the planner may start from the open requests.)
        var pairs = page.Select(p => (p.PrincipalKana, p.PrincipalBirth)).Distinct().ToList();
        var people = await db.People.AsNoTracking()
            .Where(SamePerson(pairs))
            .Select(p => new { p.Id, p.SearchKana, p.DateOfBirth })
            .ToListAsync(cancellationToken);
        var personIds = people.Select(p => p.Id).ToList();
        var requests = await db.Requests.AsNoTracking()
            .Where(r => personIds.Contains(r.PrincipalId))
            .Select(r => new { r.Id, r.PrincipalId, r.IsOpen, r.Kinds })
            .ToListAsync(cancellationToken);
        var candidates = requests.Where(r => r.IsOpen)
            .Join(people, r => r.PrincipalId, p => p.Id, (r, p) => new { r.Id, p.SearchKana, p.DateOfBirth, r.Kinds })
            .ToList();

        return page
            .Where(p => candidates.Any(c => c.Id != p.Id && c.SearchKana == p.PrincipalKana && c.DateOfBirth == p.PrincipalBirth
                                            && c.Kinds.Intersect(p.Kinds).Any()))
            .Select(p => p.Id)
            .ToHashSet();
    }

    /// <summary>
    /// <c>(SearchKana = @k1 AND DateOfBirth = @b1) OR …</c>, one term per pair, each value a parameter (read from a box,
    /// as EF does for captured variables), so the SQL text depends only on the number of pairs and its plan is cached.
    /// Two IN lists would probe every kana with every birth date: the square of the page size.
    /// </summary>
    private static Expression<Func<Person, bool>> SamePerson(IReadOnlyList<(string Kana, DateOnly Birth)> pairs)
    {
        var person = Expression.Parameter(typeof(Person), "p");
        Expression? any = null;
        foreach (var (kana, birth) in pairs)
        {
            var term = Expression.AndAlso(
                Expression.Equal(Expression.Property(person, nameof(Person.SearchKana)), Expression.Field(Expression.Constant(new StrongBox<string>(kana)), nameof(StrongBox<string>.Value))),
                Expression.Equal(Expression.Property(person, nameof(Person.DateOfBirth)), Expression.Field(Expression.Constant(new StrongBox<DateOnly>(birth)), nameof(StrongBox<DateOnly>.Value))));
            any = any is null ? term : Expression.OrElse(any, term);
        }

        return Expression.Lambda<Func<Person, bool>>(any ?? Expression.Constant(false), person);
    }

    private static QueueRow ToRow(Projection p, DateOnly today, bool possibleDuplicate)
    {
        var answered = RequestStatusMachine.HasAnswered(p.Status);
        DateOnly? dueDate = p.DueAt is { } dueAt ? JapaneseText.JstDate(dueAt) : null;
        int? daysLeft = dueDate is { } due && !answered ? due.DayNumber - today.DayNumber : null;
        return new QueueRow(p.Id, p.ReferenceNumber, p.Family, p.Kinds, p.Status, p.Channel, p.ReceivedAt, dueDate, daysLeft,
            daysLeft < 0, MaskName(p.PrincipalName), p.AssignedTo, possibleDuplicate);
    }

    /// <summary>「山田 花子」 → 「山田 *」: lists show the family name only.</summary>
    public static string MaskName(string fullName)
    {
        var name = fullName.Trim();
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        var family = space > 0 ? name[..space] : name.Length > 0 ? name[..1] : string.Empty;
        return family + " *";
    }

    private static DateTimeOffset StartOfJstDay(DateTimeOffset instant)
    {
        var day = JapaneseText.JstDate(instant);
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, JapaneseText.Jst.GetUtcOffset(midnight)).ToUniversalTime();
    }

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
        public string PrincipalKana { get; init; } = string.Empty;
        public DateOnly PrincipalBirth { get; init; }
    }
}

/// <summary>The opaque position of the last row of a page: its DueAt (UTC ticks, or none when paused) and Id, base64.</summary>
internal sealed record QueueCursor(DateTimeOffset? DueAt, Guid Id)
{
    public string Format()
    {
        var ticks = DueAt is { } due ? due.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-";
        return Convert.ToBase64String(Encoding.ASCII.GetBytes($"{ticks}:{Id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
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
            if (parts.Length != 2 || !Guid.TryParseExact(parts[1], "N", out var id))
            {
                return null;
            }

            if (parts[0] == "-")
            {
                return new QueueCursor(null, id);
            }

            return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new QueueCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
