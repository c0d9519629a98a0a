using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The <c>limit</c> and <c>offset</c> of a list: limit 1..10,000 (default 100), offset 0 or more.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    /// <summary>The paging asked for, or a 400 problem naming the bad parameter.</summary>
    public static (Paging Paging, ProblemHttpResult? Problem) From(int? limit, int? offset)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return (default, WebProblems.BadRequest($"limit must be between 1 and {MaxLimit}, not {limit}"));
        }

        if (offset is < 0)
        {
            return (default, WebProblems.BadRequest($"offset must be 0 or more, not {offset}"));
        }

        return (new Paging(limit ?? DefaultLimit, offset ?? 0), null);
    }
}
