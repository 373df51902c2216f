"""Conversations both platforms hold: chats with Meta AI and private messages with a friend."""

from __future__ import annotations

from typing import Any

from kit.demo.builder import Builder
from kit.demo.persona import AI_QUESTIONS, NAME


def ai_chats(b: Builder, count: int) -> list[dict[str, Any]]:
    """`count` questions asked to Meta AI, as `label_values` records."""
    return [
        {
            "title": "Conversation avec Meta AI",
            "timestamp": when,
            "fbid": str(b.rng.randrange(10**15, 10**16)),
            "label_values": [
                {"label": "Message", "value": b.rng.choice(AI_QUESTIONS)},
                {"label": "Auteur", "value": NAME},
                {"label": "Heure", "timestamp_value": when},
            ],
        }
        for when in b.times.sorted(count, 2025)
    ]


def conversation(b: Builder, thread: str) -> dict[str, Any]:
    """One message thread with the friend the thread's folder is named after: two messages."""
    other = thread.rsplit("_", 1)[0]
    start = b.times.between(2020)
    messages = [
        {"sender_name": sender, "timestamp_ms": (start + 60 * i) * 1000, "content": text}
        for i, (sender, text) in enumerate(
            [(other, "Coucou ! Tu viens samedi ? 😊"), (NAME, "Oui, avec plaisir ! J'apporte le dessert 🍰")]
        )
    ]
    return {
        "participants": [{"name": other}, {"name": NAME}],
        "messages": list(reversed(messages)),
        "title": other,
        "is_still_participant": True,
        "thread_path": f"inbox/{thread}",
        "magic_words": [],
    }
