using System.Text;

namespace SpaceTestBench.Gherkin.Tags;

/// <summary>
/// A Cucumber tag expression (<c>@smoke and not (@slow or @wip)</c>): <c>not</c> binds tightest, then
/// <c>and</c>, then <c>or</c>; parentheses group; <c>\</c> escapes <c>( ) \</c> and space in tag names.
/// The empty expression matches everything.
/// </summary>
public abstract class TagExpression
{
    /// <summary>True if a scenario with <paramref name="tags"/> is selected.</summary>
    public abstract bool Evaluate(IReadOnlyCollection<string> tags);

    /// <summary>Parses an expression; throws <see cref="TagExpressionException"/> with Cucumber's error text.</summary>
    public static TagExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = Tokenize(expression);
        if (tokens.Count == 0)
        {
            return new True();
        }

        var operators = new Stack<string>();
        var operands = new Stack<TagExpression>();
        var expectOperand = true;
        foreach (var token in tokens)
        {
            if (IsUnary(token))
            {
                Check(expectOperand, expression, "Expected operator.");
                operators.Push(token);
            }
            else if (IsBinary(token))
            {
                Check(!expectOperand, expression, "Expected operand.");
                while (operators.Count > 0 && IsOperator(operators.Peek()) &&
                       ((IsLeftAssociative(token) && Precedence(token) <= Precedence(operators.Peek())) ||
                        (!IsLeftAssociative(token) && Precedence(token) < Precedence(operators.Peek()))))
                {
                    Pop(operators.Pop(), operands, expression);
                }

                operators.Push(token);
                expectOperand = true;
            }
            else if (token == "(")
            {
                Check(expectOperand, expression, "Expected operator.");
                operators.Push(token);
            }
            else if (token == ")")
            {
                Check(!expectOperand, expression, "Expected operand.");
                while (operators.Count > 0 && operators.Peek() != "(")
                {
                    Pop(operators.Pop(), operands, expression);
                }

                if (operators.Count == 0)
                {
                    throw new TagExpressionException(expression, "Unmatched ).");
                }

                operators.Pop();
                expectOperand = false;
            }
            else
            {
                Check(expectOperand, expression, "Expected operator.");
                operands.Push(new Literal(token));
                expectOperand = false;
            }
        }

        while (operators.Count > 0)
        {
            var op = operators.Pop();
            if (op == "(")
            {
                throw new TagExpressionException(expression, "Unmatched (.");
            }

            Pop(op, operands, expression);
        }

        return operands.Pop();
    }

    private static void Check(bool condition, string expression, string problem)
    {
        if (!condition)
        {
            throw new TagExpressionException(expression, problem);
        }
    }

    private static bool IsUnary(string token) => token == "not";

    private static bool IsBinary(string token) => token is "and" or "or";

    private static bool IsOperator(string token) => IsUnary(token) || IsBinary(token);

    private static bool IsLeftAssociative(string token) => token != "not";

    private static int Precedence(string token) => token switch
    {
        "(" => -2,
        ")" => -1,
        "or" => 0,
        "and" => 1,
        _ => 2,
    };

    private static void Pop(string op, Stack<TagExpression> operands, string expression)
    {
        if (IsUnary(op))
        {
            Check(operands.Count >= 1, expression, "Expected operand.");
            operands.Push(new Not(operands.Pop()));
            return;
        }

        Check(operands.Count >= 2, expression, "Expected operand.");
        var right = operands.Pop();
        var left = operands.Pop();
        operands.Push(op == "and" ? new And(left, right) : new Or(left, right));
    }

    private static List<string> Tokenize(string expression)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        var escaped = false;
        void Flush()
        {
            if (token.Length > 0)
            {
                tokens.Add(token.ToString());
                token.Clear();
            }
        }

        foreach (var c in expression)
        {
            if (escaped)
            {
                if (c is not ('(' or ')' or '\\') && !char.IsWhiteSpace(c))
                {
                    throw new TagExpressionException(expression, $"Illegal escape before \"{c}\".");
                }

                token.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c is '(' or ')')
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else
            {
                token.Append(c);
            }
        }

        if (escaped)
        {
            throw new TagExpressionException(expression, "Illegal escape before \"<end>\".");
        }

        Flush();
        return tokens;
    }

    private sealed class True : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => true;

        public override string ToString() => "";
    }

    private sealed class Literal(string name) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => tags.Contains(name);

        public override string ToString() =>
            name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal)
                .Replace(")", "\\)", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
    }

    private sealed class Not(TagExpression operand) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => !operand.Evaluate(tags);

        public override string ToString() => operand is And or Or ? $"not {operand}" : $"not ( {operand} )";
    }

    private sealed class And(TagExpression left, TagExpression right) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => left.Evaluate(tags) && right.Evaluate(tags);

        public override string ToString() => $"( {left} and {right} )";
    }

    private sealed class Or(TagExpression left, TagExpression right) : TagExpression
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => left.Evaluate(tags) || right.Evaluate(tags);

        public override string ToString() => $"( {left} or {right} )";
    }
}

/// <summary>A tag expression that does not parse; the message is Cucumber's.</summary>
public sealed class TagExpressionException(string expression, string problem)
    : Exception($"Tag expression \"{expression}\" could not be parsed because of syntax error: {problem}");
