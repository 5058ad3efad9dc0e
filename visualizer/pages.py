"""The app's pages, in one table.

app.py builds its navigation from it (sections, titles, icons, order, the teacher's notes);
the slide menu and the lecture's order of lessons (app_pages/projector.py), the page paths of
the lesson tabs' steps (app_pages/common.py), the sign-in redirect (deploy/teacher.py) and the
tests' page lists (tests/pages.py, the hostile-link contract) read it. A new page is one row
here. Nothing in this module imports Streamlit: the server's routes read it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page of the app.

    Attributes:
        name: its module in ``app_pages/`` and its path in links (``/lesson_alexnet``).
        title: i18n key of its name (navigation, slide menu).
        icon: its Material icon.
        section: i18n key of the navigation's section that lists it.
        prefix: the prefix of its controls' keys in the session (``Controls("alex", ...)``).
        lesson: one of the lecture's lessons: the slides go on from its last tab to the next
            lesson's first, in this table's order.
        slides: offered by the slide menu while presenting.
        teacher: listed for the teacher only (her presenter notes), never followed or published.
        default: the page at ``/`` (its path in links is empty).
    """

    name: str
    title: str
    icon: str
    section: str
    prefix: str = ""
    lesson: bool = False
    slides: bool = False
    teacher: bool = False
    default: bool = False

    @property
    def path(self) -> str:
        """Its path in the app's links: ``""`` for the default page, else its name."""
        return "" if self.default else self.name

    @property
    def script(self) -> str:
        """Its script, relative to the app's folder (as ``st.Page`` takes it)."""
        return f"app_pages/{self.name}.py"


EXPLORE, LESSONS, TOOLS = "nav.section.explore", "nav.section.lessons", "nav.section.tools"

# In the navigation's order (sections in their first page's order).
PAGES = (
    Page("explorer", "nav.explorer", ":material/explore:", EXPLORE, "ex", slides=True, default=True),
    Page("lesson_alexnet", "nav.alexnet", ":material/filter_1:", LESSONS, "alex", lesson=True, slides=True),
    Page("lesson_inception", "nav.inception", ":material/filter_2:", LESSONS, "inc", lesson=True,
         slides=True),
    Page("lesson_resnet", "nav.resnet", ":material/filter_3:", LESSONS, "res", lesson=True, slides=True),
    Page("lesson_densenet", "nav.densenet", ":material/filter_4:", LESSONS, "dense", lesson=True,
         slides=True),
    Page("training", "nav.training", ":material/model_training:", LESSONS, "train", slides=True),
    Page("builder", "nav.builder", ":material/construction:", TOOLS, "b", slides=True),
    Page("features", "nav.features", ":material/image_search:", TOOLS, "feat"),
    Page("playground", "nav.playground", ":material/grid_on:", TOOLS, "play"),
    Page("export", "nav.export", ":material/slideshow:", TOOLS, "exp"),
    Page("compare", "nav.compare", ":material/leaderboard:", TOOLS, "cmp"),
    Page("notes", "nav.notes", ":material/speaker_notes:", TOOLS, teacher=True),
)

# The pages every visitor has (the teacher's notes are hers alone).
STUDENT_PAGES = tuple(p for p in PAGES if not p.teacher)
# The lecture's lessons in order (paths): the slides' next and previous across pages.
LECTURE = tuple(p.path for p in PAGES if p.lesson)
# The teacher's presenter view (app.py keeps the slide bar and publishing off it).
NOTES = next(p for p in PAGES if p.teacher)


def by_prefix(prefix: str) -> Page:
    """The page whose controls' keys start with ``prefix`` (``"alex"``: the AlexNet lesson)."""
    return next(p for p in PAGES if p.prefix == prefix)
