using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Visa.Tests.Scpi;

public class ScpiErrorQueueTests
{
    [Test]
    public void An_empty_queue_reads_no_error()
    {
        Assert.That(new ScpiErrorQueue().Pop().ToString(), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void Errors_come_out_first_in_first_out()
    {
        var queue = new ScpiErrorQueue();
        queue.Push(ScpiError.UndefinedHeader);
        queue.Push(ScpiError.DataOutOfRange);

        Assert.That(new[] { queue.Pop().Code, queue.Pop().Code, queue.Pop().Code }, Is.EqualTo(new[] { -113, -222, 0 }));
    }

    [Test]
    public void A_full_queue_keeps_its_oldest_errors_and_replaces_the_newest_with_overflow()
    {
        var queue = new ScpiErrorQueue(capacity: 3);
        queue.Push(new ScpiError(-101, "a"));
        queue.Push(new ScpiError(-102, "b"));
        queue.Push(new ScpiError(-103, "c"));
        queue.Push(new ScpiError(-104, "d"));
        queue.Push(new ScpiError(-105, "e"));

        var codes = Enumerable.Range(0, 4).Select(_ => queue.Pop().Code).ToArray();

        Assert.That(codes, Is.EqualTo(new[] { -101, -102, -350, 0 }));
    }

    [Test]
    public void A_queue_that_was_read_after_overflow_accepts_new_errors_again()
    {
        var queue = new ScpiErrorQueue(capacity: 2);
        queue.Push(new ScpiError(-101, "a"));
        queue.Push(new ScpiError(-102, "b"));
        queue.Push(new ScpiError(-103, "c"));
        queue.Pop();
        queue.Push(new ScpiError(-104, "d"));

        Assert.That(new[] { queue.Pop().Code, queue.Pop().Code }, Is.EqualTo(new[] { -350, -104 }));
    }

    [Test]
    public void Text_with_quotes_is_escaped_and_the_response_is_at_most_255_characters()
    {
        var error = ScpiError.DeviceSpecificError.WithInfo("say \"hi\" " + new string('x', 400));
        var text = error.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("-300,\"Device-specific error;say \"\"hi\"\" xxx"));
            Assert.That(text, Has.Length.LessThanOrEqualTo(255));
            Assert.That(text, Does.EndWith("\""));
        });
    }

    [TestCase(-113, EventStatus.CommandError)]
    [TestCase(-222, EventStatus.ExecutionError)]
    [TestCase(-350, EventStatus.DeviceDependentError)]
    [TestCase(-410, EventStatus.QueryError)]
    [TestCase(5, EventStatus.DeviceDependentError)]
    public void Each_error_class_sets_its_event_status_bit(int code, byte bit)
    {
        Assert.That(new ScpiError(code, "x").EventStatusBit, Is.EqualTo(bit));
    }
}
