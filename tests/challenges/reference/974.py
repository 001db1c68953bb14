class TwoStackQueue:
    def __init__(self):
        self._in = []
        self._out = []

    def enqueue(self, item):
        self._in.append(item)

    def dequeue(self):
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
        if not self._out:
            raise IndexError("dequeue from an empty queue")
        return self._out.pop()

    def is_empty(self):
        return not self._in and not self._out
