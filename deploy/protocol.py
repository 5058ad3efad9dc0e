"""A browser tab as Streamlit's server sees it: its websocket, the messages it sends (BackMsg)
and what it hears back (ForwardMsg), without a browser. Tests use it to send what a real
browser never would (any header, any cookie) to a running server; benches use it to be forty
students at once.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

# The element kinds whose words a student reads, and the field that holds them.
_WORDS = {"markdown": "body", "text": "body", "alert": "body", "heading": "body", "button": "label",
          "link_button": "label", "code": "code_text"}


@dataclass
class Run:
    """What one run of the script sent: the words of every element, each button's widget id by
    its label, each custom component's id by its name, the address's query it set (None if it
    set none), and whether it ended well (no exception shown, script finished)."""

    words: list[str] = field(default_factory=list)
    buttons: dict[str, str] = field(default_factory=dict)
    components: dict[str, str] = field(default_factory=dict)
    query: str | None = None
    ok: bool = True

    @property
    def text(self) -> str:
        return "\n".join(self.words)


class Tab:
    """One tab's session: ``async with Tab(url, headers) as tab: run = await tab.open("training")``."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.headers = headers or {}
        self.ws: Any = None

    async def __aenter__(self) -> Tab:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"],  # type: ignore[list-item]
                                           additional_headers=self.headers, max_size=2**26)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def open(self, page: str = "", query: str = "", click: str | None = None,
                   timeout: float = 120, event: tuple[str, str, object] | None = None) -> Run:
        """Run ``/<page>?<query>`` (pressing the button with widget id ``click``, if given; or
        sending ``event`` = (component id, event name, value) from a custom component, as its
        script's ``setTriggerValue(name, value)`` does in a browser)."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        if click is not None:
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = click
            state.trigger_value = True
        if event is not None:
            component, name, value = event
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component}{EVENT_DELIM}events"
            state.json_trigger_value = json.dumps([{"event": name, "value": value}])
        await self.ws.send(msg.SerializeToString())
        run = Run()
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                what = element.WhichOneof("type")
                if what == "exception":
                    run.ok = False
                if what in _WORDS:
                    proto = getattr(element, what)
                    words = str(getattr(proto, _WORDS[what]))
                    run.words.append(words)
                    if what == "button":
                        run.buttons[words] = proto.id
                if what == "bidi_component":
                    run.components[element.bidi_component.component_name] = element.bidi_component.id
            elif kind == "page_info_changed":
                run.query = fwd.page_info_changed.query_string
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the page reran itself (it opened another view): its next run follows
                run.ok = run.ok and fwd.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                                            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
                return run


def run(coro: Any) -> Any:
    """Run a coroutine to its end from code that may already sit inside an event loop (a
    browser test's Playwright session holds one in the test's thread): in a thread of its own."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
