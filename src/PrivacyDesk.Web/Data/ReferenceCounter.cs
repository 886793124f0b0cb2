namespace PrivacyDesk.Web.Data;

/// <summary>The last reference-number sequence used in a year. One row per year, incremented atomically.</summary>
public sealed class ReferenceCounter
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}
