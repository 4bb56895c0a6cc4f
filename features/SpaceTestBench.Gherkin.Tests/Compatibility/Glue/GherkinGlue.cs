// C# ports of the glue of the CCK samples about Gherkin features (backgrounds, rules, tables, outlines,
// parameters, attachments), one class per sample's .ts file, in its declaration order; they share a
// file because each is a few lines.
using Reqnroll;

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Minimal
{
    [Binding]
    public sealed class Steps
    {
        [Given("I have {int} cukes in my belly")]
        public void Cukes(int count) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Cdata
{
    [Binding]
    public sealed class Steps
    {
        [Given("I have {int} <![CDATA[cukes]]> in my belly")]
        public void Cukes(int count) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Backgrounds
{
    [Binding]
    public sealed class Steps
    {
        [Given("an order for {string}")]
        public void Order(string item) { }

        [When("an action")]
        public void Action() { }

        [Then("an outcome")]
        public void Outcome() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.RulesBackgrounds
{
    [Binding]
    public sealed class Steps
    {
        [Given("an order for {string}")]
        public void Order(string item) { }

        [When("an action")]
        public void Action() { }

        [Then("an outcome")]
        public void Outcome() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.MultipleFeatures
{
    [Binding]
    public sealed class Steps
    {
        [Given("an order for {string}")]
        public void Order(string item) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.MultipleFeaturesReversed
{
    [Binding]
    public sealed class Steps
    {
        [Given("an order for {string}")]
        public void Order(string item) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.DataTables
{
    [Binding]
    public sealed class Steps
    {
        private List<List<string>>? _transposed;

        [When("the following table is transposed:")]
        public void Transpose(DataTable table)
        {
            var raw = Raw(table);
            _transposed = Enumerable.Range(0, raw[0].Count).Select(c => raw.Select(r => r[c]).ToList()).ToList();
        }

        [Then("it should be:")]
        public void ShouldBe(DataTable expected)
        {
            var raw = Raw(expected);
            if (_transposed is null || !_transposed.SelectMany(r => r).SequenceEqual(raw.SelectMany(r => r)) || _transposed.Count != raw.Count)
            {
                throw new GlueAssertionException("The transposed table differs.");
            }
        }

        private static List<List<string>> Raw(DataTable table) =>
            [[.. table.Header], .. table.Rows.Select(r => r.Values.ToList())];
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.DocStrings
{
    [Binding]
    public sealed class Steps
    {
        [Given("a doc string:")]
        public void DocString(string docString) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.ExamplesTables
{
    [Binding]
    public sealed class Steps
    {
        private int _count;
        private int _friends;

        [Given("there are {int} cucumbers")]
        public void Cucumbers(int count) => _count = count;

        [Given("there are {int} friends")]
        public void Friends(int friends) => _friends = friends;

        [When("I eat {int} cucumbers")]
        public void Eat(int eaten) => _count -= eaten;

        [Then("I should have {int} cucumbers")]
        public void ShouldHave(int expected)
        {
            if (_count != expected)
            {
                throw new GlueAssertionException($"Expected {expected} cucumbers, have {_count}.");
            }
        }

        [Then("each person can eat {int} cucumbers")]
        public void Share(int expected)
        {
            var share = (int)Math.Floor(_count / (1.0 + _friends));
            if (share != expected)
            {
                throw new GlueAssertionException($"Expected a share of {expected}, got {share}.");
            }
        }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.ExamplesTablesUndefined
{
    [Binding]
    public sealed class Steps
    {
        private int _count;

        [Given("there are {int} cucumbers")]
        public void Cucumbers(int count) => _count = count;

        [When("I eat {int} cucumbers")]
        public void Eat(int eaten) => _count -= eaten;

        [Then("I should have {int} cucumbers")]
        public void ShouldHave(int expected)
        {
            if (_count != expected)
            {
                throw new GlueAssertionException($"Expected {expected} cucumbers, have {_count}.");
            }
        }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.ExamplesTablesUndefinedMultiple
{
    [Binding]
    public sealed class Steps
    {
        private int _count;

        [Given("there are {int} cucumbers")]
        public void Cucumbers(int count) => _count = count;

        [When("I eat {int} cucumbers")]
        public void Eat(int eaten) => _count -= eaten;

        [Then("I should have {int} cucumbers")]
        public void ShouldHave(int expected)
        {
            if (_count != expected)
            {
                throw new GlueAssertionException($"Expected {expected} cucumbers, have {_count}.");
            }
        }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.ExamplesTablesAttachment
{
    [Binding]
    public sealed class Steps(IReqnrollOutputHelper output, CompatibilitySample sample)
    {
        [When("a JPEG image is attached")]
        public void Jpeg() => output.Attach(File.ReadAllBytes(sample.File("cucumber.jpeg")), "image/jpeg");

        [When("a PNG image is attached")]
        public void Png() => output.Attach(File.ReadAllBytes(sample.File("cucumber.png")), "image/png");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.ParameterTypes
{
    public sealed record Flight(string From, string To);

    [Binding]
    public sealed class Steps
    {
        [StepArgumentTransformation("([A-Z]{3})-([A-Z]{3})", Name = "flight")]
        public Flight ToFlight(string from, string to) => new(from, to);

        [Given("{flight} has been delayed")]
        public void Delayed(Flight flight)
        {
            if (flight != new Flight("LHR", "CDG"))
            {
                throw new GlueAssertionException($"Unexpected {flight}.");
            }
        }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.RegularExpression
{
    [Binding]
    public sealed class Steps
    {
        [Given("^a (.*?)(?: and a (.*?))?(?: and a (.*?))?$")]
        public void Vegetables(string first, string? second, string? third) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Rules
{
    [Binding]
    public sealed class Steps
    {
        private int _money;
        private List<string> _stock = [];
        private string? _chocolate;

        [Given("the customer has {int} cents")]
        public void Money(int cents) => _money = cents;

        [Given("there are chocolate bars in stock")]
        public void InStock() => _stock = ["Mars"];

        [Given("there are no chocolate bars in stock")]
        public void NoStock() => _stock = [];

        [When("the customer tries to buy a {int} cent chocolate bar")]
        public void Buy(int price)
        {
            if (_money >= price && _stock.Count > 0)
            {
                _chocolate = _stock[^1];
                _stock.RemoveAt(_stock.Count - 1);
            }
        }

        [Then("the sale should not happen")]
        public void NoSale()
        {
            if (_chocolate is not null)
            {
                throw new GlueAssertionException("The sale happened.");
            }
        }

        [Then("the sale should happen")]
        public void Sale()
        {
            if (_chocolate is null)
            {
                throw new GlueAssertionException("The sale did not happen.");
            }
        }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Attachments
{
    [Binding]
    public sealed class Steps(IReqnrollOutputHelper output, CompatibilitySample sample)
    {
        [When("the string {string} is attached as {string}")]
        public async Task AttachString(string text, string mediaType)
        {
            await Task.Yield();
            output.Attach(text, mediaType);
        }

        [When("the string {string} is logged")]
        public void Log(string text) => output.WriteLine(text);

        [When("text with ANSI escapes is logged")]
        public void Ansi() => output.WriteLine("This displays a \x1b[31mr\x1b[0m\x1b[91ma\x1b[0m\x1b[33mi\x1b[0m\x1b[32mn\x1b[0m\x1b[34mb\x1b[0m\x1b[95mo\x1b[0m\x1b[35mw\x1b[0m");

        [When("the following string is attached as {string}:")]
        public void AttachDocString(string mediaType, string text) => output.Attach(text, mediaType);

        [When("an array with {int} bytes is attached as {string}")]
        public void AttachBytes(int size, string mediaType) => output.Attach(Enumerable.Range(0, size).Select(i => (byte)i).ToArray(), mediaType);

        [When("a PDF document is attached and renamed")]
        public void Pdf() => output.Attach(File.ReadAllBytes(sample.File("document.pdf")), "application/pdf", "renamed.pdf");

        [When("a link to {string} is attached")]
        public void Link(string uri) => output.Link(new Uri(uri));

        [When("the string {string} is attached as {string} before a failure")]
        public void AttachThenFail(string text, string mediaType)
        {
            output.Attach(text, mediaType);
            throw new GlueAssertionException("whoops");
        }
    }
}
