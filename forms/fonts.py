"""Font profiles: which face each text role of the report is printed in (layout.md).

A profile maps font *roles* ("title", "body", "heading1" … "table") to family names, plus the one
Latin face used for digits and Latin letters.  The profiles live in ``resources/font_profiles.json``:
"official" names the faces GB/T 9704 prescribes (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体),
"windows" the ones every Windows PC has (宋体, 仿宋, 黑体, 楷体).  Licensed fonts are never shipped;
a renderer substitutes what the machine lacks and :func:`missing_families` names them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from resources import resource_path

PROFILES_FILE = resource_path("font_profiles.json")
DEFAULT_PROFILE = "official"
# Every role a Document uses; a profile must name a family for each.
ROLES = ("title", "body", "heading1", "heading2", "heading3", "heading4", "attachment_label",
         "attachment_title", "page_number", "table", "table_header")


class FontProfileError(ValueError):
    """An unknown profile name or a damaged profile file; the message is Chinese."""


@dataclass(frozen=True)
class FontProfile:
    name: str
    label: str
    latin: str                                  # digits and Latin letters (w:ascii / w:hAnsi)
    families: dict[str, str] = field(default_factory=dict)   # role -> East Asian family
    bold: frozenset[str] = frozenset()          # roles printed bold to stand in for a heavier face

    def family(self, role: str) -> str:
        try:
            return self.families[role]
        except KeyError:
            raise FontProfileError(f"字体方案“{self.name}”没有为“{role}”指定字体") from None

    def all_families(self) -> list[str]:
        """Every family the profile names, the Latin one last, each once."""
        out = []
        for role in ROLES:
            if self.families[role] not in out:
                out.append(self.families[role])
        if self.latin not in out:
            out.append(self.latin)
        return out


_cache: dict[str, FontProfile] = {}


def _load() -> dict:
    try:
        data = json.loads(PROFILES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FontProfileError(f"无法读取字体方案文件 {PROFILES_FILE}：{exc}") from None
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, dict):
        raise FontProfileError(f"字体方案文件 {PROFILES_FILE} 有误：缺少“profiles”")
    return profiles


def profile_names() -> list[str]:
    return list(_load())


def get_profile(name: str = DEFAULT_PROFILE) -> FontProfile:
    if name in _cache:
        return _cache[name]
    profiles = _load()
    raw = profiles.get(name)
    if raw is None:
        raise FontProfileError(f"没有名为“{name}”的字体方案（可用：{'、'.join(profiles)}）")
    families = raw.get("families", {})
    missing = [r for r in ROLES if not isinstance(families.get(r), str) or not families.get(r)]
    if missing or not isinstance(raw.get("latin"), str):
        raise FontProfileError(f"字体方案“{name}”不完整：缺少 {'、'.join(missing) or 'latin'}")
    profile = FontProfile(name=name, label=str(raw.get("label", name)), latin=raw["latin"],
                          families={r: families[r] for r in ROLES},
                          bold=frozenset(raw.get("bold", ())))
    _cache[name] = profile
    return profile


def missing_families(profile: FontProfile, installed) -> list[str]:
    """The families of a profile not among ``installed`` (names as the system lists them)."""
    have = {f.casefold() for f in installed}
    return [f for f in profile.all_families() if f.casefold() not in have]
