using ChargeNet.EdgeAgent.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web;

/// <summary>RFC 9457 problem details the API answers with, in one shape.</summary>
public static class WebProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not available yet", detail: detail);

    /// <summary>A 400 listing every problem by its JSON path: <c>errors</c> maps each path to its messages.</summary>
    public static ValidationProblem Validation(IEnumerable<ConfigurationProblem> problems, string detail) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
            detail: detail,
            title: "The document is not valid");
}
