"""Camille Dupré, who does not exist: her accounts, the export's folders, and the texts she writes."""

from __future__ import annotations

import datetime as dt

NAME = "Camille Dupré"
FB_USER = "camille.dupre.demo"
IG_USER = "camille.dpr.demo"
INSTAGRAM_PRIVATE = False  # her Instagram account is public...
THREADS_PRIVATE = True  # ...her Threads profile private
EXPORT_DAY = dt.datetime(2026, 3, 14, 9, 30, 12, tzinfo=dt.UTC)
COMBINED_ROOT = "meta-2026-Mar-14-09-30-12"
FB_ROOT = f"{COMBINED_ROOT}/facebook-{FB_USER}-2026-03-14-Xk3bQ9dT"
IG_ROOT = f"{COMBINED_ROOT}/instagram-{IG_USER}-2026-03-14-p7RmW2zL"
YFA = f"{FB_ROOT}/your_facebook_activity"
YIA = f"{IG_ROOT}/your_instagram_activity"

POSTS = [
    "Première balade de l'année au bord du Doubs, il faisait un froid de canard ❄️",
    "Gâteau à la crème de marrons réussi du premier coup 🎂 merci Mamie pour la recette !",
    "Qui vient au marché de Noël de Besançon samedi ? 🎄",
    "Rentrée des classes : café, cartable et bonne humeur ☕📚",
    "Ce soir, concert à la Rodia. Hâte ! 🎶",
    "Vélo jusqu'à Arc-et-Senans, 40 km et des jambes en coton 🚴‍♀️",
    "On a enfin fini de repeindre la cuisine. Verdict : « vert sauge » 💚",
    "Lecture du moment : un polar islandais, parfait sous la couette 📖",
    "Joyeux anniversaire à ma sœur Élodie 🥳",
    "Fête de la musique sous la pluie, mais quelle ambiance ! 🎸☔",
]
COMMENTS = [
    "Trop beau ! 😍",
    "Félicitations, c'est mérité 👏",
    "On se voit à la crémaillère ?",
    "Haha, j'adore 😂",
    "Merci pour le partage, très intéressant.",
    "Prends soin de toi ❤️",
    "Ça donne envie d'y aller !",
    "Bravo à toute l'équipe 🎉",
]
CAPTIONS = [
    "Coucher de soleil sur la citadelle 🌅",
    "Brunch du dimanche 🥐🍓",
    "Randonnée dans le Jura ⛰️",
    "Mon chat, ce héros 🐈",
    "Week-end à Étretat 🌊",
    "Expo photo au musée des Beaux-Arts 🖼️",
]
FRIENDS = ["Élodie Dupré", "Théo Marchand", "Inès Benali", "Lucas Perrin", "Zoé Lefèvre", "Noémie Girard"]
GROUPS = ["Jardins partagés de Besançon 🌱", "Vélo-Doubs", "Parents d'élèves de l'école Fénelon"]
AI_QUESTIONS = [
    "Quelle recette végétarienne avec des lentilles ?",
    "Résume-moi l'actualité du jour",
    "Idées de sortie à Besançon ce week-end ?",
    "Écris un poème pour l'anniversaire d'Élodie",
]
REACTIONS = ["LIKE", "LOVE", "HAHA", "WOW", "CARE"]
REACTION_LABELS = ["J’aime", "J’adore", "Haha", "Solidaire"]
